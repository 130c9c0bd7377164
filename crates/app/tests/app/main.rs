//! The application layer over a real database (SQLite, and PostgreSQL too when
//! `HEADWAY_TEST_POSTGRES_URL` is set, each test in its own schema).

mod accounts;
mod diagnostic;
mod harness;
mod imports;
mod measure;
mod national;
mod progress;
mod projection;
mod reference;
