-- CreateTable
CREATE TABLE "deal_room_questions" (
    "id" UUID NOT NULL,
    "deal_room_id" UUID NOT NULL,
    "document_id" UUID,
    "asked_by_id" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "answer" TEXT,
    "answered_by_id" UUID,
    "answered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "deal_room_questions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "deal_room_questions_deal_room_id_created_at_idx" ON "deal_room_questions"("deal_room_id", "created_at");

-- CreateIndex
CREATE INDEX "deal_room_questions_document_id_idx" ON "deal_room_questions"("document_id");

-- CreateIndex
CREATE INDEX "deal_room_questions_asked_by_id_idx" ON "deal_room_questions"("asked_by_id");

-- CreateIndex
CREATE INDEX "deal_room_questions_answered_by_id_idx" ON "deal_room_questions"("answered_by_id");

-- CreateIndex
CREATE INDEX "deal_room_questions_deleted_at_idx" ON "deal_room_questions"("deleted_at");

-- AddForeignKey
ALTER TABLE "deal_room_questions" ADD CONSTRAINT "deal_room_questions_deal_room_id_fkey" FOREIGN KEY ("deal_room_id") REFERENCES "deal_rooms"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deal_room_questions" ADD CONSTRAINT "deal_room_questions_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deal_room_questions" ADD CONSTRAINT "deal_room_questions_asked_by_id_fkey" FOREIGN KEY ("asked_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deal_room_questions" ADD CONSTRAINT "deal_room_questions_answered_by_id_fkey" FOREIGN KEY ("answered_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
