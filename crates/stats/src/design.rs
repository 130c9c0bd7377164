//! From a table of columns and a [`Formula`] to the design matrix X, the outcome y and the
//! school index, exactly as R's `model.matrix` builds them for `lm` and `lmer`:
//!
//! - rows with a missing value in any column the model uses are excluded and counted;
//! - a text column (or `factor(x)` of a numeric one) becomes treatment-contrast dummies, one
//!   per level except the reference level, named `column` + `level` (`genderF`);
//! - levels are sorted (numbers numerically, text by its characters) and the first is the
//!   reference unless another is chosen; levels that occur only in excluded rows are dropped
//!   (R's `drop.unused.levels`);
//! - `I(x^k)` is the k-th power of x.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use crate::error::StatsError;
use crate::formula::{Formula, Term};
use crate::sufficient::RowSource;

/// One column of input data.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// Numbers; `NaN` marks a missing value (R's `NA`).
    Numeric(Vec<f64>),
    /// Text: each row's index into `levels`, `None` for a missing value.
    Categorical {
        levels: Vec<String>,
        codes: Vec<Option<u32>>,
    },
}

impl Column {
    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            Column::Numeric(values) => values.len(),
            Column::Categorical { codes, .. } => codes.len(),
        }
    }

    /// Whether the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Named columns of equal length: what a CSV or Parquet file holds once read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ColumnTable {
    names: Vec<String>,
    columns: Vec<Column>,
}

impl ColumnTable {
    /// An empty table.
    pub fn new() -> ColumnTable {
        ColumnTable::default()
    }

    /// Adds a column; it must have as many rows as the columns already there.
    pub fn push(&mut self, name: impl Into<String>, column: Column) -> Result<(), StatsError> {
        let name = name.into();
        if let Some(first) = self.columns.first()
            && first.len() != column.len()
        {
            return Err(StatsError::InvalidSetting {
                what: format!("column `{name}`"),
                requirement: format!("{} rows long like the other columns", first.len()),
                value: column.len().to_string(),
            });
        }
        self.names.push(name);
        self.columns.push(column);
        Ok(())
    }

    /// The column called `name`.
    pub fn column(&self, name: &str) -> Option<&Column> {
        let index = self.names.iter().position(|candidate| candidate == name)?;
        Some(&self.columns[index])
    }

    /// Column names in order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.columns.first().map_or(0, Column::len)
    }

    fn require(&self, name: &str) -> Result<&Column, StatsError> {
        self.column(name).ok_or_else(|| StatsError::MissingColumn {
            column: name.to_string(),
            available: self.names.join(", "),
        })
    }
}

/// Choices R makes by default that an analyst may change.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DesignOptions {
    /// Reference level per factor column (`gender` → `M`), instead of the first in order.
    pub reference_levels: BTreeMap<String, String>,
}

/// The model's data in the shape the estimators use.
#[derive(Debug, Clone, PartialEq)]
pub struct Design {
    /// The outcome column's name.
    pub response_name: String,
    /// X's column names, R-style: `(Intercept)`, `gcsescore`, `I(gcsescore^2)`, `genderF`.
    pub column_names: Vec<String>,
    /// X, row-major: row i is `x[i * p .. (i + 1) * p]`.
    pub x: Vec<f64>,
    /// The outcome, one per used row.
    pub y: Vec<f64>,
    /// The grouping column's name, for a model with `(1 | group)`.
    pub group_name: Option<String>,
    /// Each used row's group, an index into `group_labels` (empty without a group).
    pub group: Vec<u32>,
    /// Group labels in sorted order.
    pub group_labels: Vec<String>,
    /// Levels of each factor in the order used, reference first.
    pub factor_levels: Vec<(String, Vec<String>)>,
    /// For each used row, its row number in the input table (0-based).
    pub source_rows: Vec<u32>,
    /// Rows left out because a column the model uses was missing.
    pub excluded_rows: usize,
}

impl Design {
    /// Number of fixed effects (columns of X).
    pub fn p(&self) -> usize {
        self.column_names.len()
    }

    /// Number of rows used.
    pub fn nobs(&self) -> usize {
        self.y.len()
    }

    /// Number of groups (1 for a model without a group).
    pub fn ngroups(&self) -> usize {
        self.group_labels.len().max(1)
    }

    /// Row i of X.
    pub fn row(&self, i: usize) -> &[f64] {
        let p = self.p();
        &self.x[i * p..(i + 1) * p]
    }

    /// Builds X, y and the group index for `formula` from `table`.
    pub fn build(
        table: &ColumnTable,
        formula: &Formula,
        options: &DesignOptions,
    ) -> Result<Design, StatsError> {
        Ok(DesignLayout::new(table, formula, options)?.into_design())
    }
}

/// A model's design on a table, without X written out: the column names, the rows used,
/// each row's group and how to write any block of rows of `[X y]` on demand. The
/// estimators read blocks of rows from it straight into their one pass, which saves
/// writing (and paging in) an N × p matrix; [`into_design`](Self::into_design) writes it.
pub struct DesignLayout<'a> {
    /// The outcome column's name.
    pub response_name: String,
    /// X's column names, R-style.
    pub column_names: Vec<String>,
    /// The grouping column's name, for a model with `(1 | group)`.
    pub group_name: Option<String>,
    /// Each used row's group, an index into `group_labels` (empty without a group).
    pub group: Vec<u32>,
    /// Group labels in sorted order.
    pub group_labels: Vec<String>,
    /// Levels of each factor in the order used, reference first.
    pub factor_levels: Vec<(String, Vec<String>)>,
    /// For each used row, its row number in the input table (0-based).
    pub source_rows: Vec<u32>,
    /// Rows left out because a column the model uses was missing.
    pub excluded_rows: usize,
    response: &'a [f64],
    encoders: Vec<TermEncoder<'a>>,
    intercept: bool,
}

impl<'a> DesignLayout<'a> {
    /// Number of fixed effects (columns of X).
    pub fn p(&self) -> usize {
        self.column_names.len()
    }

    /// Number of rows used.
    pub fn nobs(&self) -> usize {
        self.source_rows.len()
    }

    /// Number of groups (1 for a model without a group).
    pub fn ngroups(&self) -> usize {
        self.group_labels.len().max(1)
    }

    /// Writes X and y out.
    pub fn into_design(self) -> Design {
        let p = self.p();
        let y: Vec<f64> = self
            .source_rows
            .iter()
            .map(|&row| self.response[row as usize])
            .collect();
        let mut x = vec![0.0; self.source_rows.len() * p];
        fill_design_rows(&mut x, &self.source_rows, &self.encoders, self.intercept, p);
        Design {
            response_name: self.response_name,
            column_names: self.column_names,
            x,
            y,
            group_name: self.group_name,
            group: self.group,
            group_labels: self.group_labels,
            factor_levels: self.factor_levels,
            source_rows: self.source_rows,
            excluded_rows: self.excluded_rows,
        }
    }

    /// Resolves `formula` on `table`: rows used, levels, design column names.
    pub fn new(
        table: &'a ColumnTable,
        formula: &Formula,
        options: &DesignOptions,
    ) -> Result<DesignLayout<'a>, StatsError> {
        let response = numeric(
            table.require(&formula.response)?,
            &formula.response,
            "the outcome",
        )?;
        let mut used_columns: Vec<&Column> = vec![table.require(&formula.response)?];
        for term in &formula.terms {
            used_columns.push(table.require(term.column())?);
        }
        let group_column = match &formula.group {
            Some(name) => Some(table.require(name)?),
            None => None,
        };
        used_columns.extend(group_column);

        // Column by column: each check is a tight loop over one slice.
        let mut usable = vec![true; table.rows()];
        for column in &used_columns {
            match column {
                Column::Numeric(values) => {
                    for (usable, value) in usable.iter_mut().zip(values.iter()) {
                        *usable &= !value.is_nan();
                    }
                }
                Column::Categorical { codes, .. } => {
                    for (usable, code) in usable.iter_mut().zip(codes.iter()) {
                        *usable &= code.is_some();
                    }
                }
            }
        }
        let complete: Vec<u32> = (0..table.rows() as u32)
            .filter(|&row| usable[row as usize])
            .collect();
        let excluded_rows = table.rows() - complete.len();
        if complete.is_empty() {
            return Err(StatsError::NoCompleteRows {
                excluded: excluded_rows,
            });
        }

        let mut encoders: Vec<TermEncoder> = Vec::new();
        let mut column_names: Vec<String> = Vec::new();
        let mut factor_levels = Vec::new();
        if formula.intercept {
            column_names.push("(Intercept)".to_string());
        }
        let mut full_dummies_pending = !formula.intercept;
        for term in &formula.terms {
            let column = table.require(term.column())?;
            let as_factor =
                matches!(term, Term::Factor(_)) || matches!(column, Column::Categorical { .. });
            if as_factor {
                let levels = Levels::of(column, &complete);
                let levels = levels
                    .with_reference(term.column(), options.reference_levels.get(term.column()))?;
                // Without an intercept R codes the first factor with a dummy for every level.
                let first_dummy = if full_dummies_pending { 0 } else { 1 };
                full_dummies_pending = false;
                for label in &levels.labels[first_dummy..] {
                    column_names.push(format!("{}{}", factor_prefix(term), label));
                }
                factor_levels.push((term.column().to_string(), levels.labels.clone()));
                encoders.push(TermEncoder::Dummies {
                    column,
                    levels,
                    first_dummy,
                });
            } else {
                let values = numeric(column, term.column(), &term.label())?;
                let exponent = match term {
                    Term::Power { exponent, .. } => *exponent,
                    _ => 1,
                };
                column_names.push(term.label());
                encoders.push(TermEncoder::Power { values, exponent });
            }
        }

        let (group, group_labels) = match group_column {
            Some(column) => {
                let levels = Levels::of(column, &complete);
                (levels.codes(column, &complete), levels.labels)
            }
            None => (Vec::new(), Vec::new()),
        };

        Ok(DesignLayout {
            response_name: formula.response.clone(),
            column_names,
            group_name: formula.group.clone(),
            group,
            group_labels,
            factor_levels,
            source_rows: complete,
            excluded_rows,
            response,
            encoders,
            intercept: formula.intercept,
        })
    }
}

impl RowSource for DesignLayout<'_> {
    fn rows(&self) -> usize {
        self.source_rows.len()
    }

    fn width(&self) -> usize {
        self.p() + 1
    }

    fn group(&self, row: usize) -> usize {
        self.group.get(row).map_or(0, |&group| group as usize)
    }

    fn write_rows(&self, rows: std::ops::Range<usize>, out: &mut [f64]) {
        let k = self.width();
        let source_rows = &self.source_rows[rows];
        out.fill(0.0);
        fill_block(out, k, source_rows, &self.encoders, self.intercept);
        for (z, &source) in out.chunks_exact_mut(k).zip(source_rows) {
            z[k - 1] = self.response[source as usize];
        }
    }
}

/// What a fitted model's design needs to write X for rows it was not fitted on (a
/// prediction): the formula, X's column names and each factor's levels in the order used.
#[derive(Debug, Clone, PartialEq)]
pub struct DesignSpec {
    pub formula: Formula,
    pub column_names: Vec<String>,
    pub factor_levels: Vec<(String, Vec<String>)>,
}

/// A row of new data that cannot be written with a fitted design: a covariate missing, or
/// a factor level the model never saw (it has no coefficient).
#[derive(Debug, Clone, PartialEq)]
pub struct RowProblem {
    /// The row's 0-based index in the table.
    pub row: usize,
    pub column: String,
    pub reason: String,
}

impl DesignSpec {
    /// The spec of a design built from `formula`.
    pub fn of(design: &Design, formula: &Formula) -> DesignSpec {
        DesignSpec {
            formula: formula.clone(),
            column_names: design.column_names.clone(),
            factor_levels: design.factor_levels.clone(),
        }
    }

    /// Number of columns of X.
    pub fn p(&self) -> usize {
        self.column_names.len()
    }

    /// Writes X's row for every row of `table` with the fitted columns (R's
    /// `predict(..., newdata)`): the same powers and the same dummies, against the levels of
    /// the fit. A column the model uses must be present (and numeric where it must be); a
    /// row with a missing covariate or an unseen level is a [`RowProblem`]. The outcome and
    /// the group are not read.
    pub fn encode(
        &self,
        table: &ColumnTable,
    ) -> Result<Vec<Result<Vec<f64>, RowProblem>>, StatsError> {
        enum Encoder<'t> {
            Power(&'t [f64], i32),
            Dummies {
                column: &'t Column,
                labels: &'t [String],
                first_dummy: usize,
            },
        }
        let mut encoders: Vec<(&str, Encoder)> = Vec::new();
        let mut full_dummies_pending = !self.formula.intercept;
        for term in &self.formula.terms {
            let column = table.require(term.column())?;
            let levels = self
                .factor_levels
                .iter()
                .find(|(name, _)| name == term.column());
            let as_factor = matches!(term, Term::Factor(_)) || levels.is_some();
            if as_factor {
                let labels = levels.map(|(_, labels)| labels.as_slice()).unwrap_or(&[]);
                let first_dummy = if full_dummies_pending { 0 } else { 1 };
                full_dummies_pending = false;
                encoders.push((
                    term.column(),
                    Encoder::Dummies {
                        column,
                        labels,
                        first_dummy,
                    },
                ));
            } else {
                let values = numeric(column, term.column(), &term.label())?;
                let exponent = match term {
                    Term::Power { exponent, .. } => *exponent,
                    _ => 1,
                };
                encoders.push((term.column(), Encoder::Power(values, exponent)));
            }
        }
        let p = self.p();
        let rows = (0..table.rows())
            .map(|row| {
                let mut x = vec![0.0; p];
                let mut offset = 0;
                if self.formula.intercept {
                    x[0] = 1.0;
                    offset = 1;
                }
                for (name, encoder) in &encoders {
                    let problem = |reason: String| RowProblem {
                        row,
                        column: name.to_string(),
                        reason,
                    };
                    match encoder {
                        Encoder::Power(values, exponent) => {
                            let value = values[row];
                            if value.is_nan() {
                                return Err(problem("the value is missing".into()));
                            }
                            x[offset] = power(value, *exponent);
                            offset += 1;
                        }
                        Encoder::Dummies {
                            column,
                            labels,
                            first_dummy,
                        } => {
                            let label = match column {
                                Column::Numeric(values) if !values[row].is_nan() => {
                                    Some(format_level(normalise_zero(values[row])))
                                }
                                Column::Categorical { levels, codes } => {
                                    codes[row].map(|code| levels[code as usize].clone())
                                }
                                Column::Numeric(_) => None,
                            };
                            let Some(label) = label else {
                                return Err(problem("the value is missing".into()));
                            };
                            let Some(position) = labels.iter().position(|known| *known == label)
                            else {
                                return Err(problem(format!(
                                    "`{label}` did not occur in the data the model was fitted on (levels: {})",
                                    labels.join(", ")
                                )));
                            };
                            if let Some(dummy) = position.checked_sub(*first_dummy) {
                                x[offset + dummy] = 1.0;
                            }
                            offset += labels.len() - first_dummy;
                        }
                    }
                }
                Ok(x)
            })
            .collect();
        Ok(rows)
    }
}

fn numeric<'a>(column: &'a Column, name: &str, usage: &str) -> Result<&'a [f64], StatsError> {
    match column {
        Column::Numeric(values) => Ok(values),
        Column::Categorical { .. } => Err(StatsError::NotNumeric {
            column: name.to_string(),
            usage: usage.to_string(),
        }),
    }
}

fn factor_prefix(term: &Term) -> String {
    match term {
        Term::Factor(column) => format!("factor({column})"),
        other => other.column().to_string(),
    }
}

/// How one formula term writes its design columns for a row.
enum TermEncoder<'a> {
    Power {
        values: &'a [f64],
        exponent: i32,
    },
    Dummies {
        column: &'a Column,
        levels: Levels,
        first_dummy: usize,
    },
}

/// Writes X's rows for the source rows `rows` into `x` (zeroed), in blocks small enough to
/// stay in cache, one term at a time within a block; halves go to two threads.
fn fill_design_rows(
    x: &mut [f64],
    rows: &[u32],
    encoders: &[TermEncoder],
    intercept: bool,
    p: usize,
) {
    const PARALLEL_FROM: usize = 50_000;
    if rows.len() >= PARALLEL_FROM
        && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1)
    {
        let half = rows.len() / 2;
        let (x_first, x_second) = x.split_at_mut(half * p);
        std::thread::scope(|scope| {
            scope.spawn(|| fill_design_rows(x_first, &rows[..half], encoders, intercept, p));
            fill_design_rows(x_second, &rows[half..], encoders, intercept, p);
        });
        return;
    }
    const BLOCK_ROWS: usize = 512;
    for (x_block, row_block) in x.chunks_mut(BLOCK_ROWS * p).zip(rows.chunks(BLOCK_ROWS)) {
        fill_block(x_block, p, row_block, encoders, intercept);
    }
}

/// Writes X's columns for the source rows `rows` into the zeroed rows of `out`, whose rows
/// are `width` long (X's p columns first), one term at a time.
fn fill_block(
    out: &mut [f64],
    width: usize,
    rows: &[u32],
    encoders: &[TermEncoder],
    intercept: bool,
) {
    let mut offset = 0;
    if intercept {
        for row in out.chunks_exact_mut(width) {
            row[0] = 1.0;
        }
        offset = 1;
    }
    for encoder in encoders {
        match encoder {
            TermEncoder::Power { values, exponent } => {
                for (row, &source) in out.chunks_exact_mut(width).zip(rows) {
                    row[offset] = power(values[source as usize], *exponent);
                }
                offset += 1;
            }
            TermEncoder::Dummies {
                column,
                levels,
                first_dummy,
            } => {
                match column {
                    // Text: the input's code indexes the level's position directly.
                    Column::Categorical { codes, .. } => {
                        for (row, &source) in out.chunks_exact_mut(width).zip(rows) {
                            let input_code = codes[source as usize].expect("complete row") as usize;
                            let position = levels.position_of_code[input_code].expect("level used");
                            if let Some(dummy) = (position as usize).checked_sub(*first_dummy) {
                                row[offset + dummy] = 1.0;
                            }
                        }
                    }
                    Column::Numeric(_) => {
                        for (row, &source) in out.chunks_exact_mut(width).zip(rows) {
                            let code = levels.code(column, source as usize) as usize;
                            if let Some(dummy) = code.checked_sub(*first_dummy) {
                                row[offset + dummy] = 1.0;
                            }
                        }
                    }
                }
                offset += levels.labels.len() - first_dummy;
            }
        }
    }
}

/// `value^exponent`, with the common powers exact and fast.
fn power(value: f64, exponent: i32) -> f64 {
    match exponent {
        1 => value,
        2 => value * value,
        _ => value.powi(exponent),
    }
}

/// The levels of a factor among the rows used, in R's order, and the map from the input's
/// codes (or numbers) to positions in that order.
struct Levels {
    labels: Vec<String>,
    position_of_code: Vec<Option<u32>>,
    position_of_number: HashMap<u64, u32, BuildHasherDefault<NumberHasher>>,
}

impl Levels {
    /// Levels present in `rows`, sorted: numbers numerically, text by characters.
    fn of(column: &Column, rows: &[u32]) -> Levels {
        match column {
            Column::Numeric(values) => {
                let mut seen: HashMap<u64, u32, BuildHasherDefault<NumberHasher>> =
                    HashMap::default();
                let mut last = None;
                for &row in rows {
                    let bits = normalise_zero(values[row as usize]).to_bits();
                    if last != Some(bits) {
                        seen.entry(bits).or_insert(0);
                        last = Some(bits);
                    }
                }
                let mut distinct: Vec<f64> =
                    seen.keys().map(|&bits| f64::from_bits(bits)).collect();
                distinct.sort_by(f64::total_cmp);
                let position_of_number = distinct
                    .iter()
                    .enumerate()
                    .map(|(position, value)| (normalise_zero(*value).to_bits(), position as u32))
                    .collect();
                Levels {
                    labels: distinct.iter().map(|&value| format_level(value)).collect(),
                    position_of_code: Vec::new(),
                    position_of_number,
                }
            }
            Column::Categorical { levels, codes } => {
                let mut present = vec![false; levels.len()];
                for &row in rows {
                    if let Some(code) = codes[row as usize] {
                        present[code as usize] = true;
                    }
                }
                let mut used: Vec<usize> =
                    (0..levels.len()).filter(|&code| present[code]).collect();
                used.sort_by(|&a, &b| levels[a].cmp(&levels[b]));
                let mut position_of_code = vec![None; levels.len()];
                for (position, &code) in used.iter().enumerate() {
                    position_of_code[code] = Some(position as u32);
                }
                Levels {
                    labels: used.iter().map(|&code| levels[code].clone()).collect(),
                    position_of_code,
                    position_of_number: HashMap::default(),
                }
            }
        }
    }

    /// Moves `reference` to the front, keeping the others in order.
    fn with_reference(
        mut self,
        column: &str,
        reference: Option<&String>,
    ) -> Result<Levels, StatsError> {
        let Some(reference) = reference else {
            return Ok(self);
        };
        let position = self
            .labels
            .iter()
            .position(|label| label == reference)
            .ok_or_else(|| StatsError::UnknownReferenceLevel {
                column: column.to_string(),
                level: reference.clone(),
                levels: self.labels.join(", "),
            })? as u32;
        let new_position = |old: u32| match old {
            old if old == position => 0,
            old if old < position => old + 1,
            old => old,
        };
        let label = self.labels.remove(position as usize);
        self.labels.insert(0, label);
        for slot in self.position_of_code.iter_mut().flatten() {
            *slot = new_position(*slot);
        }
        for slot in self.position_of_number.values_mut() {
            *slot = new_position(*slot);
        }
        Ok(self)
    }

    /// The position of row `row`'s level (the row must not be missing).
    fn code(&self, column: &Column, row: usize) -> u32 {
        match column {
            Column::Numeric(values) => {
                self.position_of_number[&normalise_zero(values[row]).to_bits()]
            }
            Column::Categorical { codes, .. } => self.position_of_code
                [codes[row].expect("complete row") as usize]
                .expect("level present in the rows used"),
        }
    }

    /// The position of each row's level (the rows must not be missing).
    fn codes(&self, column: &Column, rows: &[u32]) -> Vec<u32> {
        match column {
            Column::Numeric(values) => {
                let mut last: Option<(u64, u32)> = None;
                rows.iter()
                    .map(|&row| {
                        let bits = normalise_zero(values[row as usize]).to_bits();
                        // Rows of one school usually come together: reuse the last lookup.
                        match last {
                            Some((last_bits, position)) if last_bits == bits => position,
                            _ => {
                                let position = self.position_of_number[&bits];
                                last = Some((bits, position));
                                position
                            }
                        }
                    })
                    .collect()
            }
            Column::Categorical { codes, .. } => rows
                .iter()
                .map(|&row| {
                    self.position_of_code[codes[row as usize].expect("complete row") as usize]
                        .expect("level present in the rows used")
                })
                .collect(),
        }
    }
}

/// A fast hash for the bits of a number: level lookups happen once per row, where the
/// standard SipHash would dominate.
#[derive(Default)]
struct NumberHasher(u64);

impl Hasher for NumberHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(byte as u64);
        }
    }

    /// SplitMix64's finaliser: every input bit reaches the low bits the table indexes by
    /// (the bits of small whole numbers as floats are all in the high half).
    fn write_u64(&mut self, value: u64) {
        let mut z = self.0 ^ value;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        self.0 = z ^ (z >> 31);
    }
}

/// `-0.0` and `0.0` are one level.
fn normalise_zero(value: f64) -> f64 {
    if value == 0.0 { 0.0 } else { value }
}

/// A number as a level label, as R prints it: `3`, not `3.0`.
pub fn format_level(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(values: &[&str]) -> Column {
        let mut levels: Vec<String> = Vec::new();
        let codes = values
            .iter()
            .map(|value| {
                if value.is_empty() {
                    return None;
                }
                let code = levels
                    .iter()
                    .position(|level| level == value)
                    .unwrap_or_else(|| {
                        levels.push(value.to_string());
                        levels.len() - 1
                    });
                Some(code as u32)
            })
            .collect();
        Column::Categorical { levels, codes }
    }

    fn table() -> ColumnTable {
        let mut table = ColumnTable::new();
        table
            .push("y", Column::Numeric(vec![1.0, 2.0, f64::NAN, 4.0, 5.0]))
            .unwrap();
        table
            .push("x", Column::Numeric(vec![1.0, 2.0, 3.0, 4.0, 6.0]))
            .unwrap();
        table
            .push("gender", text(&["M", "F", "F", "", "M"]))
            .unwrap();
        table
            .push("school", Column::Numeric(vec![10.0, 2.0, 2.0, 10.0, 2.0]))
            .unwrap();
        table
    }

    #[test]
    fn builds_r_style_columns_and_excludes_incomplete_rows() {
        let formula = Formula::parse("y ~ x + I(x^2) + gender + (1 | school)").unwrap();
        let design = Design::build(&table(), &formula, &DesignOptions::default()).unwrap();
        assert_eq!(
            design.column_names,
            ["(Intercept)", "x", "I(x^2)", "genderM"]
        );
        assert_eq!(design.excluded_rows, 2);
        assert_eq!(design.source_rows, [0, 1, 4]);
        assert_eq!(design.row(0), [1.0, 1.0, 1.0, 1.0]);
        assert_eq!(design.row(2), [1.0, 6.0, 36.0, 1.0]);
        assert_eq!(design.group_labels, ["2", "10"]);
        assert_eq!(design.group, [1, 0, 0]);
    }

    #[test]
    fn reference_level_can_be_chosen() {
        let formula = Formula::parse("y ~ gender").unwrap();
        let options = DesignOptions {
            reference_levels: [("gender".to_string(), "M".to_string())].into(),
        };
        let design = Design::build(&table(), &formula, &options).unwrap();
        assert_eq!(design.column_names, ["(Intercept)", "genderF"]);
        assert_eq!(design.row(1), [1.0, 1.0]);
        let unknown = DesignOptions {
            reference_levels: [("gender".to_string(), "X".to_string())].into(),
        };
        let error = Design::build(&table(), &formula, &unknown).unwrap_err();
        assert!(error.to_string().contains("`X`"), "{error}");
    }

    #[test]
    fn factor_of_a_numeric_column_makes_dummies_in_numeric_order() {
        let formula = Formula::parse("y ~ factor(school)").unwrap();
        let design = Design::build(&table(), &formula, &DesignOptions::default()).unwrap();
        assert_eq!(design.column_names, ["(Intercept)", "factor(school)10"]);
    }

    #[test]
    fn without_intercept_the_first_factor_gets_every_level() {
        let formula = Formula::parse("y ~ 0 + gender + x").unwrap();
        let design = Design::build(&table(), &formula, &DesignOptions::default()).unwrap();
        assert_eq!(design.column_names, ["genderF", "genderM", "x"]);
    }

    #[test]
    fn new_rows_are_written_with_the_fitted_levels_and_refused_when_unseen() {
        let formula = Formula::parse("y ~ x + I(x^2) + gender + (1 | school)").unwrap();
        let design = Design::build(&table(), &formula, &DesignOptions::default()).unwrap();
        let spec = DesignSpec::of(&design, &formula);
        let mut new = ColumnTable::new();
        new.push("x", Column::Numeric(vec![2.0, f64::NAN, 3.0]))
            .unwrap();
        new.push("gender", text(&["M", "F", "X"])).unwrap();
        let rows = spec.encode(&new).unwrap();
        assert_eq!(rows[0], Ok(vec![1.0, 2.0, 4.0, 1.0]));
        let missing = rows[1].clone().unwrap_err();
        assert_eq!((missing.row, missing.column.as_str()), (1, "x"));
        let unseen = rows[2].clone().unwrap_err();
        assert_eq!(unseen.column, "gender");
        assert!(unseen.reason.contains("`X`"), "{}", unseen.reason);
        let mut without = ColumnTable::new();
        without.push("x", Column::Numeric(vec![1.0])).unwrap();
        assert!(matches!(
            spec.encode(&without),
            Err(StatsError::MissingColumn { .. })
        ));
    }

    #[test]
    fn a_missing_column_is_named() {
        let formula = Formula::parse("y ~ prior").unwrap();
        let error = Design::build(&table(), &formula, &DesignOptions::default()).unwrap_err();
        assert!(error.to_string().contains("`prior`"), "{error}");
    }
}
