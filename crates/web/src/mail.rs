//! Sending email: the seam lives with the use cases that send (`headway_app::mail`), so the
//! 360's invitations are sent by `app::diagnostic`; the binary plugs in SMTP and tests a
//! recording mailer through the same names here.

pub use headway_app::mail::{MailError, Mailer, Message, RecordingMailer};
