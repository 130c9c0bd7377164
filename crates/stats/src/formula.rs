//! R-style model formulas, the notation analysts already know from `lm` and `lme4::lmer`:
//!
//! ```text
//! score ~ gcsescore + I(gcsescore^2) + gender + factor(year) + age + (1 | school)
//! ```
//!
//! Supported terms: a column name; `I(column^k)` for a whole-number power; `factor(column)`
//! to treat a numeric column as categories; `1` / `0` / `- 1` for the intercept; and one
//! random intercept `(1 | group)`. Interactions and random slopes are refused with a clear
//! message rather than fitted wrongly.

use crate::error::StatsError;

/// A parsed model formula.
#[derive(Debug, Clone, PartialEq)]
pub struct Formula {
    /// The outcome column, left of `~`.
    pub response: String,
    /// Whether the model has an intercept (R's default; removed by `0` or `- 1`).
    pub intercept: bool,
    /// Fixed-effect terms in the order written.
    pub terms: Vec<Term>,
    /// The grouping column of `(1 | group)`, if the model has a random intercept.
    pub group: Option<String>,
}

/// One fixed-effect term of a formula.
#[derive(Debug, Clone, PartialEq)]
pub enum Term {
    /// A column as it is: numbers give one design column, text gives treatment dummies.
    Column(String),
    /// `I(column^exponent)`: the column raised to a whole-number power.
    Power { column: String, exponent: i32 },
    /// `factor(column)`: the column's values as categories even when they are numbers.
    Factor(String),
}

impl Term {
    /// The column the term reads.
    pub fn column(&self) -> &str {
        match self {
            Term::Column(column) | Term::Factor(column) => column,
            Term::Power { column, .. } => column,
        }
    }

    /// The term's label as R prints it (`I(x^2)`, `factor(x)`), used to name design columns.
    pub fn label(&self) -> String {
        match self {
            Term::Column(column) => column.clone(),
            Term::Power { column, exponent } => format!("I({column}^{exponent})"),
            Term::Factor(column) => format!("factor({column})"),
        }
    }
}

impl Formula {
    /// Parses `response ~ term + term + … + (1 | group)`.
    pub fn parse(text: &str) -> Result<Formula, StatsError> {
        let fail = |reason: String| StatsError::Formula {
            formula: text.to_string(),
            reason,
        };
        let (lhs, rhs) = text
            .split_once('~')
            .ok_or_else(|| fail("it has no `~` between the outcome and the covariates".into()))?;
        let response = parse_name(lhs.trim()).ok_or_else(|| {
            fail(format!(
                "the outcome `{}` should be a single column name",
                lhs.trim()
            ))
        })?;

        let mut formula = Formula {
            response,
            intercept: true,
            terms: Vec::new(),
            group: None,
        };
        for (sign, piece) in split_top_level(rhs).map_err(&fail)? {
            let piece = piece.trim();
            if piece.is_empty() {
                return Err(fail("a `+` or `-` has no term beside it".into()));
            }
            match (sign, piece) {
                (Sign::Plus, "1") => formula.intercept = true,
                (Sign::Plus, "0") | (Sign::Minus, "1") => formula.intercept = false,
                (Sign::Minus, other) => {
                    return Err(fail(format!(
                        "removing `{other}` with `-` is not supported; leave it out instead"
                    )));
                }
                (Sign::Plus, term) if term.starts_with('(') => {
                    let group = parse_random_intercept(term).map_err(&fail)?;
                    if formula.group.replace(group).is_some() {
                        return Err(fail(
                            "only one random intercept `(1 | group)` is supported".into(),
                        ));
                    }
                }
                (Sign::Plus, term) => {
                    let term = parse_fixed_term(term).map_err(&fail)?;
                    if !formula.terms.contains(&term) {
                        formula.terms.push(term);
                    }
                }
            }
        }
        Ok(formula)
    }

    /// Every column the model reads: outcome, covariates, group.
    pub fn columns(&self) -> Vec<&str> {
        let mut columns = vec![self.response.as_str()];
        columns.extend(self.terms.iter().map(Term::column));
        columns.extend(self.group.as_deref());
        columns
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Sign {
    Plus,
    Minus,
}

/// Splits the right-hand side at `+` and `-` that are not inside parentheses or backquotes.
fn split_top_level(rhs: &str) -> Result<Vec<(Sign, &str)>, String> {
    let mut pieces = Vec::new();
    let mut depth = 0i32;
    let mut in_backquote = false;
    let mut start = 0;
    let mut sign = Sign::Plus;
    for (index, character) in rhs.char_indices() {
        match character {
            '`' => in_backquote = !in_backquote,
            '(' if !in_backquote => depth += 1,
            ')' if !in_backquote => {
                depth -= 1;
                if depth < 0 {
                    return Err("a `)` has no matching `(`".into());
                }
            }
            '+' | '-' if depth == 0 && !in_backquote => {
                let piece = &rhs[start..index];
                // A leading sign (as in `~ -1 + x`) leaves an empty first piece.
                if !(pieces.is_empty() && piece.trim().is_empty()) {
                    pieces.push((sign, piece));
                }
                sign = if character == '+' {
                    Sign::Plus
                } else {
                    Sign::Minus
                };
                start = index + 1;
            }
            _ => {}
        }
    }
    if depth != 0 {
        return Err("a `(` is never closed".into());
    }
    pieces.push((sign, &rhs[start..]));
    Ok(pieces)
}

/// `(1 | group)` → `group`.
fn parse_random_intercept(term: &str) -> Result<String, String> {
    let inner = term
        .strip_prefix('(')
        .and_then(|rest| rest.strip_suffix(')'))
        .ok_or_else(|| format!("`{term}` is not of the form `(1 | group)`"))?;
    let (effects, group) = inner
        .split_once('|')
        .ok_or_else(|| format!("`{term}` is not of the form `(1 | group)`"))?;
    if effects.trim() != "1" {
        return Err(format!(
            "`{term}`: only random intercepts `(1 | group)` are supported, not random slopes"
        ));
    }
    parse_name(group.trim()).ok_or_else(|| format!("`{}` is not a column name", group.trim()))
}

/// A column name, `I(column^k)` or `factor(column)`.
fn parse_fixed_term(term: &str) -> Result<Term, String> {
    if let Some(inner) = strip_call(term, "I") {
        let (base, power) = inner.split_once('^').ok_or_else(|| {
            format!("`{term}`: only powers `I(column^k)` are supported inside I()")
        })?;
        let column = parse_name(base.trim())
            .ok_or_else(|| format!("`{}` is not a column name", base.trim()))?;
        let exponent: i32 = power
            .trim()
            .parse()
            .map_err(|_| format!("`{term}`: the power must be a whole number"))?;
        return Ok(Term::Power { column, exponent });
    }
    if let Some(inner) = strip_call(term, "factor") {
        let column = parse_name(inner.trim())
            .ok_or_else(|| format!("`{}` is not a column name", inner.trim()))?;
        return Ok(Term::Factor(column));
    }
    if term.contains(':') || term.contains('*') {
        return Err(format!("`{term}`: interactions are not supported yet"));
    }
    parse_name(term)
        .map(Term::Column)
        .ok_or_else(|| format!("`{term}` is not a column name, `I(column^k)` or `factor(column)`"))
}

/// `name(inner)` → `inner`.
fn strip_call<'a>(term: &'a str, name: &str) -> Option<&'a str> {
    term.strip_prefix(name)?
        .trim_start()
        .strip_prefix('(')?
        .strip_suffix(')')
}

/// A syntactic R name (letters, digits, `.` and `_`, not starting with a digit) or a
/// backquoted name.
fn parse_name(text: &str) -> Option<String> {
    if let Some(quoted) = text
        .strip_prefix('`')
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return (!quoted.is_empty() && !quoted.contains('`')).then(|| quoted.to_string());
    }
    let mut characters = text.chars();
    let first = characters.next()?;
    let valid_start = first.is_alphabetic() || first == '.' || first == '_';
    let valid_rest = text
        .chars()
        .all(|c| c.is_alphanumeric() || c == '.' || c == '_');
    (valid_start && valid_rest).then(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_contextual_chem97_formula() {
        let formula =
            Formula::parse("score ~ gcsescore + I(gcsescore^2) + gender + age + (1 | school)")
                .unwrap();
        assert_eq!(formula.response, "score");
        assert!(formula.intercept);
        assert_eq!(formula.group.as_deref(), Some("school"));
        let labels: Vec<String> = formula.terms.iter().map(Term::label).collect();
        assert_eq!(labels, ["gcsescore", "I(gcsescore^2)", "gender", "age"]);
    }

    #[test]
    fn spaces_inside_a_power_are_normalised_to_r_labels() {
        let formula = Formula::parse("y~I( x ^ 2 )+factor( year )").unwrap();
        let labels: Vec<String> = formula.terms.iter().map(Term::label).collect();
        assert_eq!(labels, ["I(x^2)", "factor(year)"]);
        assert_eq!(formula.group, None);
    }

    #[test]
    fn zero_or_minus_one_removes_the_intercept() {
        assert!(!Formula::parse("y ~ x - 1").unwrap().intercept);
        assert!(!Formula::parse("y ~ 0 + x").unwrap().intercept);
        assert!(!Formula::parse("y ~ -1 + x").unwrap().intercept);
    }

    #[test]
    fn refuses_random_slopes_and_interactions_with_a_reason() {
        let slope = Formula::parse("y ~ x + (x | school)").unwrap_err();
        assert!(slope.to_string().contains("random slopes"), "{slope}");
        let interaction = Formula::parse("y ~ x:z").unwrap_err();
        assert!(
            interaction.to_string().contains("interactions"),
            "{interaction}"
        );
        let missing_tilde = Formula::parse("y x").unwrap_err();
        assert!(missing_tilde.to_string().contains("~"), "{missing_tilde}");
    }

    #[test]
    fn backquoted_names_may_hold_spaces() {
        let formula = Formula::parse("`KS4 score` ~ `KS2 score`").unwrap();
        assert_eq!(formula.response, "KS4 score");
        assert_eq!(formula.terms, [Term::Column("KS2 score".into())]);
    }
}
