//! Browser tests: journeys through the real `headway demo` in headless Chromium.
//!
//! They need Debian's `chromium` and `chromium-driver` and axe-core from npm (`npm ci`), so
//! they are ignored by a plain `cargo test`; `.ci/run` runs them with
//! `cargo test -p headway --test browser -- --ignored --test-threads=1`.
//! `CHROMIUM` and `CHROMEDRIVER` override the browser's and the driver's paths;
//! screenshots of each step go to `target/screenshots/` (or `HEADWAY_SCREENSHOTS`).

mod axe;
mod diagnostic;
mod harness;
mod heads;
mod imports;
mod journey;
mod observation;
mod planning;
mod progress;
mod review;
mod sign_in;
mod survey;
