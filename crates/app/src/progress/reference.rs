//! Expectations from the reference population, for one academic year and subject: fitted
//! once per data version and **stored** in the database, so every app server and every new
//! process reads the fit instead of fitting again (the fit reads every pupil of the
//! deployment; the pages need it on every request). Where a published expectations table
//! was imported for the year and subject, its expected outcomes are used instead of fitting
//! them (ANALYTICS.md §2, step 2).
//!
//! Where a fit comes from, first to last: this process's cache ([`crate::cache`]), the
//! database's stored fit for the current data version, a new fit from per-school sums the
//! database makes (then stored). An import
//! moves the data version, so all three are stale after it; [`References::prepare_all`]
//! fits everything again right after an import so the first page view does not wait.

use crate::cache::DerivedCache;
use crate::progress::catalog::Catalog;
use headway_domain::measures::MeasureSet;
use headway_domain::progress::{PupilOutcome, Reference, ReferenceError};
use headway_domain::pupil::{Gender, Sen};
use headway_stats::value_added::simple::{MeasureSettings, PriorRange};
use headway_store::progress::OutcomeRow;
use headway_store::versions::{DataVersion, StoredFit};
use headway_store::{Store, StoreError};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A year and subject's expectations, or why there are none.
pub type Fitted = Result<Arc<Reference>, ReferenceError>;

/// The shape of a stored fit's bytes. Raise it whenever [`Reference`] or anything it holds
/// changes, so fits stored by an older build are fitted again instead of misread (the
/// test `the_stored_format_is_pinned` fails until it is raised).
pub const FIT_FORMAT: i64 = 3;

/// The reference fits this process has read or made, by data version.
#[derive(Debug, Default, Clone)]
pub struct References {
    fits: DerivedCache<(i64, i64), Fitted>,
    /// The years and subjects the fits are keyed by, as the pages look them up.
    catalog: Catalog,
    /// The settings of a measure without its own: the deployment's (its suppression
    /// threshold, setting `suppress_groups_below`), else Headway's defaults.
    settings: MeasureSettings,
}

/// What [`References::prepare_all`] did.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub version: DataVersion,
    /// Years and subjects with final results, each now fitted (or known to have no fit).
    pub fits: usize,
    pub took: Duration,
}

impl References {
    /// References whose measures take `settings` unless they have their own.
    pub fn with_settings(settings: MeasureSettings) -> References {
        References {
            fits: DerivedCache::default(),
            catalog: Catalog::default(),
            settings,
        }
    }

    /// The years and subjects with final results, by data version.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The settings a measure without its own is fitted with.
    pub fn settings(&self) -> &MeasureSettings {
        &self.settings
    }

    /// The reference for a year and subject at `version` (read once per page with
    /// [`Store::data_version`]).
    pub async fn get(
        &self,
        store: &Store,
        version: DataVersion,
        year: i64,
        subject: i64,
    ) -> Result<Fitted, StoreError> {
        let fitted = self
            .fits
            .get_or_compute(version, (year, subject), || {
                stored_or_fitted(store, version, year, subject, &self.settings)
            })
            .await?;
        Ok((*fitted).clone())
    }

    /// Makes sure every year and subject with final results has its fit stored at the
    /// current data version: run it right after an import, so the first page view reads the
    /// fits instead of waiting for them. A page asking for a fit while this runs waits for
    /// the same computation rather than starting its own.
    pub async fn prepare_all(&self, store: &Store) -> Result<Prepared, StoreError> {
        let started = Instant::now();
        let version = store.data_version().await?;
        let mut fits = 0;
        let years: Vec<i64> = store
            .progress()
            .academic_years()
            .await?
            .iter()
            .map(|y| y.id)
            .collect();
        // One query for every year's subjects.
        for subject in store.progress().subjects_of_years(&years).await? {
            // A refusal (too few pupils) is kept and stored like a fit.
            let _fitted = self.get(store, version, subject.year, subject.id).await?;
            fits += 1;
        }
        Ok(Prepared {
            version,
            fits,
            took: started.elapsed(),
        })
    }

    /// [`References::prepare_all`] on a task of its own (after an import in the browser, so
    /// the confirmation page does not wait); its outcome goes to the log.
    pub fn prepare_in_background(&self, store: Store) {
        let references = self.clone();
        tokio::spawn(async move {
            match references.prepare_all(&store).await {
                Ok(prepared) => tracing::info!(
                    fits = prepared.fits,
                    seconds = prepared.took.as_secs_f64(),
                    "reference expectations prepared after an import"
                ),
                Err(e) => tracing::warn!(error = %e, "could not prepare reference expectations"),
            }
        });
    }
}

/// The stored fit at `version` if there is one this build can read, made with `base` (as
/// the subject's measure adjusts it), else a new fit from the sums the database makes
/// ([`super::national::fit_from_sums`]: the same figures as a fit from the pupils, without
/// reading them into the application), stored.
async fn stored_or_fitted(
    store: &Store,
    version: DataVersion,
    year: i64,
    subject: i64,
    base: &MeasureSettings,
) -> Result<Fitted, StoreError> {
    let settings = &settings_for(subject_code(store, subject).await?.as_deref(), base);
    if let Some(stored) = store.stored_reference_fit(year, subject, version).await? {
        match decode(&stored) {
            // A fit made under other settings (the deployment changed its suppression
            // threshold since) is fitted again, once per process and version: the store
            // keeps the first fit of a version. A refusal does not depend on them.
            Some(Ok(reference)) if reference.settings != *settings => tracing::info!(
                year,
                subject,
                "a stored reference fit made with other settings is fitted again"
            ),
            Some(fitted) => return Ok(fitted),
            None => tracing::info!(
                year,
                subject,
                "a stored reference fit of another format is fitted again"
            ),
        }
    }
    let fitted = super::national::fit_from_sums(store, year, subject, base).await?;
    store
        .store_reference_fit(year, subject, version, &encode(&fitted))
        .await?;
    Ok(fitted)
}

/// A subject's code, if the subject exists.
async fn subject_code(store: &Store, subject: i64) -> Result<Option<String>, StoreError> {
    Ok(store
        .progress()
        .subject_codes(&[subject])
        .await?
        .into_iter()
        .next()
        .map(|c| c.code))
}

/// The value-added settings of a subject: `base` (the deployment's), except that a measure
/// set's headline score is divided and banded in its own unit
/// ([`MeasureSet::headline_scale`]).
pub fn settings_for(code: Option<&str>, base: &MeasureSettings) -> MeasureSettings {
    let mut settings = base.clone();
    if let Some(set) = code.and_then(MeasureSet::of_headline) {
        (settings.scale_divisor, settings.band_cut) = set.headline_scale();
    }
    settings
}

/// Fits the expectations for a year and subject from the database now (nothing is kept),
/// with Headway's default settings (a headline score in its own unit).
pub async fn fit(store: &Store, year: i64, subject: i64) -> Result<Fitted, StoreError> {
    let settings = settings_for(
        subject_code(store, subject).await?.as_deref(),
        &MeasureSettings::default(),
    );
    fit_with_settings(store, year, subject, settings).await
}

/// [`fit`] with the given measure settings.
pub async fn fit_with_settings(
    store: &Store,
    year: i64,
    subject: i64,
    settings: MeasureSettings,
) -> Result<Fitted, StoreError> {
    let rows = store.progress().outcome_rows(year, subject, None).await?;
    let table: Vec<(PriorRange, f64)> = store
        .published_expectations(year, subject)
        .await?
        .iter()
        .map(|g| {
            (
                PriorRange {
                    low: g.low,
                    high: g.high,
                },
                g.expected,
            )
        })
        .collect();
    let sigma = store.published_sigma(year, subject).await?;
    tokio::task::spawn_blocking(move || {
        let pupils: Vec<PupilOutcome> = rows.iter().map(pupil_outcome).collect();
        let published = (!table.is_empty()).then_some(table.as_slice());
        let sigma = published.and(sigma);
        Reference::fit_with(&pupils, settings, published, sigma).map(Arc::new)
    })
    .await
    .map_err(|e| StoreError::Internal(format!("the reference fit stopped: {e}")))
}

/// A fit (or its refusal) as stored: postcard's compact binary form, which keeps every
/// `f64` bit for bit (NaN included), so a stored fit gives exactly the fresh fit's figures.
pub fn encode(fitted: &Fitted) -> StoredFit {
    let value: Result<&Reference, &ReferenceError> = fitted.as_deref();
    StoredFit {
        format: FIT_FORMAT,
        fit: postcard::to_allocvec(&value).expect("a reference fit always serialises"),
    }
}

/// A stored fit, or `None` when it is of another format or its bytes do not read whole.
pub fn decode(stored: &StoredFit) -> Option<Fitted> {
    if stored.format != FIT_FORMAT {
        return None;
    }
    let (value, rest) =
        postcard::take_from_bytes::<Result<Reference, ReferenceError>>(&stored.fit).ok()?;
    rest.is_empty().then(|| value.map(Arc::new))
}

/// A database row as the domain's pupil outcome.
pub fn pupil_outcome(row: &OutcomeRow) -> PupilOutcome {
    let age_months = row.birth_date.map(|born| {
        let start = row.year_starts_on;
        f64::from(
            (start.year() - born.year()) * 12
                + (i32::from(u8::from(start.month())) - i32::from(u8::from(born.month()))),
        )
    });
    PupilOutcome {
        pupil: row.pupil,
        school: row.school,
        prior: row.prior,
        outcome: Some(row.outcome),
        disadvantaged: row.disadvantaged,
        sen: row.sen.as_deref().and_then(|s| s.parse::<Sen>().ok()),
        eal: row.eal,
        gender: row.gender.as_deref().and_then(|g| g.parse::<Gender>().ok()),
        age_months,
        ethnicity: row.ethnicity_group.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use headway_domain::progress::SigmaSource;
    use headway_domain::progress::reference::ContextualModel;

    #[test]
    fn a_headline_score_is_divided_and_banded_in_its_own_unit() {
        let base = MeasureSettings::default();
        // Progress 8 is Attainment 8's value added over ten, banded at ±0.5.
        let att8 = settings_for(Some("ATT8"), &base);
        assert_eq!((att8.scale_divisor, att8.band_cut), (10.0, 0.5));
        // Capped 9 stays in points, banded at half a grade in each of nine subjects.
        let cap9 = settings_for(Some("CAP9"), &base);
        assert_eq!((cap9.scale_divisor, cap9.band_cut), (1.0, 27.0));
        // Any other subject keeps the deployment's settings.
        let mut deployment = base.clone();
        deployment.suppression_threshold = 10;
        assert_eq!(settings_for(Some("MAT"), &deployment), deployment);
        assert_eq!(settings_for(None, &base), base);
        assert_eq!(
            settings_for(Some("CAP9"), &deployment).suppression_threshold,
            10
        );
    }
    use headway_stats::value_added::contextual::{ContextualFit, FixedEffect, SchoolEffect};
    use headway_stats::value_added::simple::{PriorGroup, ReferenceModel};
    use std::collections::{BTreeMap, HashMap};

    /// A reference with one of everything (NaN and infinity included), made by hand.
    fn small() -> Reference {
        Reference {
            simple: ReferenceModel {
                groups: vec![PriorGroup {
                    range: PriorRange {
                        low: 80.0,
                        high: f64::INFINITY,
                    },
                    reference_pupils: 3,
                    expected: 4.5,
                    cap_floor: Some(-2.5),
                }],
                scale_divisor: 1.0,
                sigma: f64::NAN,
            },
            sigma_source: SigmaSource::Published,
            settings: MeasureSettings::default(),
            prior_thirds: (95.0, 105.0),
            contextual: Ok(ContextualModel {
                fit: ContextualFit {
                    nobs: 3,
                    ngroups: 1,
                    fixef: vec![FixedEffect {
                        term: "prior".into(),
                        estimate: 0.1,
                        se: 0.01,
                    }],
                    var_school: 0.2,
                    var_residual: 0.8,
                    theta: 0.5,
                    reml_criterion: 12.0,
                    groups: vec![SchoolEffect {
                        n: 3,
                        blup: -0.25,
                        condsd: 0.125,
                        ci_lower: -0.5,
                        ci_upper: 0.0,
                    }],
                },
                school_index: HashMap::from([(7, 0)]),
                prior_centre: 100.0,
                ethnicity_levels: vec!["Asian".into()],
                ethnicity_reference: "White".into(),
            }),
            reference_pupils: 3,
            school_means: BTreeMap::from([(7, 4.75)]),
        }
    }

    /// `small()` as FIT_FORMAT 3 writes it (postcard: little-endian f64s, varint lengths).
    #[rustfmt::skip]
    const PINNED: &[u8] = &[0, 1, 0, 0, 0, 0, 0, 0, 84, 64, 0, 0, 0, 0, 0, 0, 240, 127, 3, 0, 0, 0, 0, 0, 0, 18, 64, 1, 0, 0, 0, 0, 0, 0, 4, 192, 0, 0, 0, 0, 0, 0, 240, 63, 0, 0, 0, 0, 0, 0, 248, 127, 2, 0, 0, 0, 0, 0, 0, 240, 63, 0, 0, 0, 0, 0, 0, 0, 224, 63, 6, 0, 0, 0, 0, 0, 192, 87, 64, 0, 0, 0, 0, 0, 64, 90, 64, 0, 3, 1, 1, 5, 112, 114, 105, 111, 114, 154, 153, 153, 153, 153, 153, 185, 63, 123, 20, 174, 71, 225, 122, 132, 63, 154, 153, 153, 153, 153, 153, 201, 63, 154, 153, 153, 153, 153, 153, 233, 63, 0, 0, 0, 0, 0, 0, 224, 63, 0, 0, 0, 0, 0, 0, 40, 64, 1, 3, 0, 0, 0, 0, 0, 0, 208, 191, 0, 0, 0, 0, 0, 0, 192, 63, 0, 0, 0, 0, 0, 0, 224, 191, 0, 0, 0, 0, 0, 0, 0, 0, 1, 14, 0, 0, 0, 0, 0, 0, 0, 89, 64, 1, 5, 65, 115, 105, 97, 110, 5, 87, 104, 105, 116, 101, 3, 1, 14, 0, 0, 0, 0, 0, 0, 19, 64];

    #[test]
    fn the_stored_format_is_pinned() {
        let bytes = encode(&Ok(Arc::new(small()))).fit;
        assert_eq!(
            bytes, PINNED,
            "the stored fit's shape changed: raise FIT_FORMAT, then pin these bytes"
        );
    }

    #[test]
    fn a_fit_reads_back_bit_for_bit_and_other_bytes_are_refused() {
        let stored = encode(&Ok(Arc::new(small())));
        let read = decode(&stored).unwrap().unwrap();
        assert!(read.simple.sigma.is_nan(), "NaN survives");
        assert_eq!(read.simple.groups, small().simple.groups);
        assert_eq!(read.contextual, small().contextual);

        let other_format = StoredFit {
            format: FIT_FORMAT + 1,
            ..stored.clone()
        };
        assert!(decode(&other_format).is_none());
        let mut longer = stored.clone();
        longer.fit.push(0);
        assert!(decode(&longer).is_none(), "trailing bytes");
        let mut shorter = stored;
        shorter.fit.truncate(shorter.fit.len() / 2);
        assert!(decode(&shorter).is_none(), "cut short");
    }
}
