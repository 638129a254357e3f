-- Hand-written: the expression index searches used before the stored document (migration
-- listing_search_vector) serves nothing now. CONCURRENTLY, alone in its file.
DROP INDEX CONCURRENTLY "businesses_search_document_idx";
