//! Reference fits are made once per year, subject and data version and stored: a stored
//! and read fit gives exactly the fresh fit's expectations; another process reads the stored
//! fit instead of fitting; an import's new data version means a new fit.

use crate::harness::{MATHS, YEAR, population, stores};
use headway_app::progress::national;
use headway_app::progress::reference::{self, FIT_FORMAT, Fitted, References};
use headway_domain::progress::{Reference, ReferenceError};
use headway_stats::value_added::simple::MeasureSettings;
use headway_store::Store;
use headway_store::expectations::ExpectationRow;
use std::sync::Arc;

fn fitted_ok(fitted: &Fitted) -> &Reference {
    fitted
        .as_ref()
        .expect("the population is large enough to fit")
}

/// Every figure the pages take from a reference: expected outcomes and pupil value added
/// across the range of priors, σ, the thirds, the school means and the contextual model's
/// school effects.
fn same_expectations(stored: &Reference, fresh: &Reference) {
    for tenth in 800..=1200 {
        let prior = f64::from(tenth) / 10.0;
        assert_eq!(
            stored.simple.expected(prior).map(f64::to_bits),
            fresh.simple.expected(prior).map(f64::to_bits),
            "expected outcome at prior {prior}"
        );
        assert_eq!(
            stored
                .simple
                .pupil_value_added(prior, 5.0)
                .map(f64::to_bits),
            fresh.simple.pupil_value_added(prior, 5.0).map(f64::to_bits)
        );
    }
    assert_eq!(stored.simple.sigma.to_bits(), fresh.simple.sigma.to_bits());
    assert_eq!(stored.prior_thirds, fresh.prior_thirds);
    assert_eq!(stored.school_means, fresh.school_means);
    let (stored_model, fresh_model) = (
        stored.contextual.as_ref().expect("stored contextual model"),
        fresh.contextual.as_ref().expect("fresh contextual model"),
    );
    for school in 100..120 {
        assert_eq!(
            stored_model.school_effect(school),
            fresh_model.school_effect(school)
        );
    }
    assert_eq!(stored, fresh);
}

#[tokio::test]
async fn a_stored_and_read_reference_gives_the_same_expectations_as_a_fresh_fit() {
    for store in stores().await {
        store.insert_world(&population(20)).await.unwrap();
        let version = store.data_version().await.unwrap();
        let first_process = References::default();
        let fitted = first_process
            .get(&store, version, YEAR, MATHS)
            .await
            .unwrap();
        let stored = store
            .stored_reference_fit(YEAR, MATHS, version)
            .await
            .unwrap()
            .expect("the fit was stored");
        assert_eq!(stored.format, FIT_FORMAT);
        let read = reference::decode(&stored).expect("this build reads its own fits");
        // A fresh fit the way the pages make one: from the database's sums (equal to the
        // fit from the pupils to 1e-9, `national.rs`; here bit for bit).
        let fresh = national::fit_from_sums(&store, YEAR, MATHS, &MeasureSettings::default())
            .await
            .unwrap();
        same_expectations(fitted_ok(&read), fitted_ok(&fresh));
        same_expectations(fitted_ok(&fitted), fitted_ok(&fresh));
    }
}

#[tokio::test]
async fn a_refusal_is_stored_and_read_back_too() {
    for store in stores().await {
        store.insert_world(&population(3)).await.unwrap();
        let version = store.data_version().await.unwrap();
        let refused = References::default()
            .get(&store, version, YEAR, MATHS)
            .await
            .unwrap();
        let expected = ReferenceError::TooFewPupils {
            found: 90,
            needed: 300,
        };
        assert_eq!(refused.as_ref().unwrap_err(), &expected);
        let stored = store
            .stored_reference_fit(YEAR, MATHS, version)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(reference::decode(&stored).unwrap().unwrap_err(), expected);
    }
}

/// Stores, at the current version, a fit no fitting would give (σ set to 1234), the way a
/// process that fitted earlier would have left it.
async fn store_marked_fit(store: &Store) -> Reference {
    let version = store.data_version().await.unwrap();
    let mut marked = fitted_ok(&reference::fit(store, YEAR, MATHS).await.unwrap()).clone();
    marked.simple.sigma = 1234.0;
    let fitted: Fitted = Ok(Arc::new(marked.clone()));
    store
        .store_reference_fit(YEAR, MATHS, version, &reference::encode(&fitted))
        .await
        .unwrap();
    marked
}

#[tokio::test]
async fn a_new_process_reads_the_stored_fit_instead_of_fitting() {
    for store in stores().await {
        store.insert_world(&population(20)).await.unwrap();
        let marked = store_marked_fit(&store).await;
        let version = store.data_version().await.unwrap();
        let new_process = References::default();
        let got = new_process.get(&store, version, YEAR, MATHS).await.unwrap();
        assert_eq!(fitted_ok(&got), &marked, "read, not fitted");
    }
}

#[tokio::test]
async fn a_fit_stored_with_another_suppression_threshold_is_made_again() {
    for store in stores().await {
        store.insert_world(&population(20)).await.unwrap();
        let marked = store_marked_fit(&store).await;
        let version = store.data_version().await.unwrap();
        let settings = MeasureSettings {
            suppression_threshold: 10,
            ..MeasureSettings::default()
        };
        let deployment = References::with_settings(settings.clone());
        let got = deployment.get(&store, version, YEAR, MATHS).await.unwrap();
        let got = fitted_ok(&got);
        assert_ne!(got.simple.sigma, marked.simple.sigma, "fitted again");
        assert_eq!(got.settings, settings);
        // Beside the stored fit, the fresh one with the default settings is the stored
        // one but for the marked σ: only the settings made the difference.
        let default = References::default()
            .get(&store, version, YEAR, MATHS)
            .await
            .unwrap();
        assert_eq!(fitted_ok(&default), &marked);
    }
}

#[tokio::test]
async fn after_an_import_the_fit_is_made_again_and_stored_at_the_new_version() {
    for store in stores().await {
        store.insert_world(&population(20)).await.unwrap();
        let before = store.data_version().await.unwrap();
        let references = References::default();
        let old = references.get(&store, before, YEAR, MATHS).await.unwrap();

        // A published table (as the command line or another server would import it) sets
        // every expected outcome to 1.
        let table =
            [("1", 0.0, 103.5), ("2", 104.0, 200.0)].map(|(group, low, high)| ExpectationRow {
                measure: "MAT".into(),
                year: "2025/26".into(),
                group: group.into(),
                low,
                high,
                expected: 1.0,
                sd: None,
            });
        headway_app::imports::operator::apply_table(&store, "table.csv", &table)
            .await
            .unwrap();
        let after = store.data_version().await.unwrap();
        assert!(after > before);

        let prepared = references.prepare_all(&store).await.unwrap();
        assert_eq!((prepared.version, prepared.fits), (after, 1));
        let stored = store
            .stored_reference_fit(YEAR, MATHS, after)
            .await
            .unwrap()
            .expect("prepared and stored at the new version");
        let new = reference::decode(&stored).unwrap();
        assert_eq!(fitted_ok(&new).simple.expected(110.0), Some(1.0));
        assert_ne!(fitted_ok(&old).simple.expected(110.0), Some(1.0));
        let got = references.get(&store, after, YEAR, MATHS).await.unwrap();
        assert_eq!(fitted_ok(&got), fitted_ok(&new));
    }
}
