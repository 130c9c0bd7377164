//! Comments: shown only for groups of at least k, with the names on the school's roster
//! masked, since a name in a comment identifies its subject and often its writer.

/// What a masked name becomes.
pub const MASK: &str = "[…]";

/// Replaces every word of `text` that is one of `names` (the roster's given and family
/// names, compared without regard to case) with [`MASK`]. Parts of a name shorter than
/// two letters are left alone (initials are too common to mask without masking "a").
/// Masking errs on the side of hiding: a roster name that is also an ordinary word
/// (Grace, Hope) is masked wherever it appears.
pub fn mask_names<'a>(text: &str, names: impl IntoIterator<Item = &'a str>) -> String {
    let parts: Vec<String> = names
        .into_iter()
        .flat_map(|name| name.split(|c: char| !is_name_char(c)))
        .filter(|part| part.chars().count() >= 2)
        .map(str::to_lowercase)
        .collect();
    let mut masked = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, masked: &mut String| {
        if !word.is_empty() {
            let lower = word.to_lowercase();
            let possessive = ["'s", "’s"]
                .into_iter()
                .find_map(|ending| lower.strip_suffix(ending).map(|stem| (stem, ending)));
            if parts.contains(&lower) {
                masked.push_str(MASK);
            } else if let Some((stem, ending)) = possessive
                && parts.iter().any(|part| part == stem)
            {
                masked.push_str(MASK);
                masked.push_str(ending);
            } else {
                masked.push_str(word);
            }
            word.clear();
        }
    };
    for c in text.chars() {
        if is_name_char(c) {
            word.push(c);
        } else {
            flush(&mut word, &mut masked);
            masked.push(c);
        }
    }
    flush(&mut word, &mut masked);
    masked
}

/// Letters, and the apostrophes and hyphens inside names (O'Neill, Rhys-Jones) — though
/// the parts of a hyphenated name are masked one by one as well.
fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roster_names_are_masked_whatever_their_case() {
        let names = ["Siân Prydderch", "Owen O'Neill", "Catrin Rhys-Jones"];
        assert_eq!(
            mask_names("Mrs PRYDDERCH shouted at siân's class; ask owen.", names),
            "Mrs […] shouted at […]'s class; ask […]."
        );
        assert_eq!(
            mask_names("O'Neill and Rhys-Jones help", names),
            "[…] and […]-[…] help"
        );
    }

    #[test]
    fn words_that_only_contain_a_name_are_left_alone() {
        assert_eq!(
            mask_names("Owens is not Owen", ["Owen Ap"]),
            "Owens is not […]"
        );
        assert_eq!(mask_names("A cat", ["A B"]), "A cat");
    }
}
