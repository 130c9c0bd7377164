//! Dates as forms send them: ISO 8601 calendar dates (`2026-09-14`), surrounding spaces
//! ignored. Each use case maps a date it cannot read to its own error. And today's date by
//! the store's clock (which tests set).

use headway_store::{Store, StoreError};

/// Today by the store's clock.
pub(crate) fn today(store: &Store) -> Result<time::Date, StoreError> {
    time::OffsetDateTime::from_unix_timestamp(store.now())
        .map(|t| t.date())
        .map_err(|e| StoreError::Internal(e.to_string()))
}

/// The date written in `text`, or `None` when it is not an ISO 8601 calendar date.
pub(crate) fn iso_date(text: &str) -> Option<time::Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(text.trim(), &format).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_iso_date_with_spaces_around_it_and_nothing_else() {
        assert_eq!(
            iso_date(" 2026-09-14 "),
            Some(time::macros::date!(2026 - 09 - 14))
        );
        assert_eq!(iso_date("14/09/2026"), None);
        assert_eq!(iso_date("2026-02-30"), None);
        assert_eq!(iso_date(""), None);
    }
}
