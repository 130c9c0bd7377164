//! The one place where numbers are formatted for people.

/// A number with a fixed number of decimals; `None` shows as an en dash.
pub fn decimal(value: Option<f64>, decimals: usize) -> String {
    match value {
        Some(v) if v.is_finite() => {
            let text = format!("{v:.decimals$}");
            // "-0.0" reads as a negative to people; show 0.0.
            if text.starts_with('-') && text[1..].chars().all(|c| c == '0' || c == '.') {
                text[1..].to_owned()
            } else {
                text
            }
        }
        _ => "–".to_owned(),
    }
}

/// A signed difference, with a real minus sign: "+0.4", "−1.2".
pub fn signed(value: f64, decimals: usize) -> String {
    let text = decimal(Some(value.abs()), decimals);
    if text.chars().all(|c| c == '0' || c == '.') {
        text
    } else if value < 0.0 {
        format!("−{text}")
    } else {
        format!("+{text}")
    }
}

/// A share 0–1 as a whole percentage: "23%".
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// An interval in the reader's language: "−0.80 to −0.41", "−0.80 i −0.41".
pub fn interval(t: &crate::i18n::Tr, lower: String, upper: String) -> String {
    t.with(
        "measure-interval",
        &[("lower", lower.into()), ("upper", upper.into())],
    )
}

/// A share as a percentage to one decimal place (attendance rates): 0.9384 → "93.8%".
pub fn share(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(decimal(Some(4.256), 1), "4.3");
        assert_eq!(decimal(Some(-0.04), 1), "0.0");
        assert_eq!(decimal(None, 1), "–");
        assert_eq!(decimal(Some(f64::NAN), 2), "–");
        assert_eq!(signed(0.42, 1), "+0.4");
        assert_eq!(signed(-1.25, 2), "−1.25");
        assert_eq!(signed(-0.01, 1), "0.0");
        assert_eq!(percent(0.234), "23%");
    }
}
