/** The account e-mails: what each says, with links into the web app (APP_URL). */
export const AccountEmail = {
  verifyAddress: (appUrl: string, name: string, token: string) => ({
    subject: "Confirm your ExitMatch email address",
    body:
      `Hello ${name},\n\nConfirm your email address to start using ExitMatch (the link works once, ` +
      `for 48 hours):\n${appUrl}/verify-email?token=${token}\n\nIf you did not create an account, ignore this email.`,
  }),
  registrationAttempt: (appUrl: string) => ({
    subject: "Someone tried to create an ExitMatch account with your email address",
    body:
      "Someone (perhaps you) tried to create an ExitMatch account with this email address, which already " +
      `has one.\n\nIf it was you, log in: ${appUrl}/login\nForgot your password? Reset it: ${appUrl}/reset-password\n\n` +
      "If it was not you, you need do nothing: your account is unchanged.",
  }),
  resetPassword: (appUrl: string, token: string) => ({
    subject: "Reset your ExitMatch password",
    body: `Choose a new password (the link works once, for one hour): ${appUrl}/reset-password?token=${token}`,
  }),
  resetWithoutAccount: () => ({
    subject: "ExitMatch password reset",
    body:
      "Someone (perhaps you) asked to reset the ExitMatch password for this email address, but it has no " +
      "ExitMatch account. If it was you, you may have signed up with another address.\n\n" +
      "If it was not you, you need do nothing.",
  }),
};

/** The outbox kinds of the account e-mails that are decided at delivery (account-message-preparers.ts). */
export const AccountMessageKind = {
  registration: "account.registration",
  passwordReset: "account.password_reset",
} as const;
