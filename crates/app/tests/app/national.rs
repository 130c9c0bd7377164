//! The national refit on a real database (SQLite, and PostgreSQL when
//! `HEADWAY_TEST_POSTGRES_URL` is set): the sums the database makes with `GROUP BY school`
//! are the sums collected in Rust over the same rows, the fit made from them is the fit made
//! from the pupils, and it is stored where the progress pages read it.

use crate::harness::{MATHS, YEAR, population, stores};
use headway_app::progress::national;
use headway_app::progress::reference::{self, References, pupil_outcome};
use headway_domain::progress::Reference;
use headway_domain::progress::national::{
    histogram_of, national_columns, prior_centre, school_aggregates_of,
};
use headway_stats::value_added::simple::MeasureSettings;
use headway_store::nation::NationPlan;
use headway_store::seed::World;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}

/// The harness population with the variety a real roster has: stored ethnicity values
/// that are one level once trimmed, blanks and none; a pupil with no starting point and one
/// with no SEN status in every school; a hostile value that must be bound, not spliced.
fn varied_population() -> World {
    let mut world = population(24);
    for (index, pupil) in world.pupils.iter_mut().enumerate() {
        pupil.ethnicity_group = match index % 11 {
            0 => Some("Asian".into()),
            1 => Some(" Asian".into()),
            2 => Some("".into()),
            3 => None,
            4 => Some("Black'); DROP TABLE results; --".into()),
            _ => Some("White".into()),
        };
        if index % 30 == 7 {
            pupil.sen = None;
        }
    }
    let without_prior: Vec<i64> = world
        .pupils
        .iter()
        .enumerate()
        .filter(|(index, _)| index % 30 == 3)
        .map(|(_, p)| p.id)
        .collect();
    world
        .results
        .retain(|r| !(r.assessment_point_id == 1 && without_prior.contains(&r.pupil_id)));
    world
}

fn same_reference(national: &Reference, fresh: &Reference) {
    assert_eq!(national.reference_pupils, fresh.reference_pupils);
    assert_eq!(national.prior_thirds, fresh.prior_thirds);
    assert_eq!(national.simple.groups.len(), fresh.simple.groups.len());
    for (a, b) in national.simple.groups.iter().zip(&fresh.simple.groups) {
        assert_eq!((a.range, a.reference_pupils), (b.range, b.reference_pupils));
        assert!(close(a.expected, b.expected), "{a:?} {b:?}");
    }
    assert!(close(national.simple.sigma, fresh.simple.sigma));
    assert_eq!(
        national.school_means.keys().collect::<Vec<_>>(),
        fresh.school_means.keys().collect::<Vec<_>>()
    );
    for (school, mean) in &fresh.school_means {
        assert!(close(national.school_means[school], *mean));
    }
    let (n, f) = (
        national
            .contextual
            .as_ref()
            .expect("the national model fits"),
        fresh.contextual.as_ref().expect("the fresh model fits"),
    );
    assert_eq!(n.ethnicity_reference, f.ethnicity_reference);
    assert_eq!(n.ethnicity_levels, f.ethnicity_levels);
    assert_eq!((n.fit.nobs, n.fit.ngroups), (f.fit.nobs, f.fit.ngroups));
    for (a, b) in n.fit.fixef.iter().zip(&f.fit.fixef) {
        assert_eq!(a.term, b.term);
        assert!(
            close(a.estimate, b.estimate) && close(a.se, b.se),
            "{a:?} {b:?}"
        );
    }
    assert!(
        close(n.fit.theta, f.fit.theta),
        "{} {}",
        n.fit.theta,
        f.fit.theta
    );
    assert!(close(n.fit.reml_criterion, f.fit.reml_criterion));
    for school in fresh.school_means.keys() {
        let (a, b) = (
            n.school_effect(*school).unwrap(),
            f.school_effect(*school).unwrap(),
        );
        assert_eq!(a.n, b.n);
        assert!(
            close(a.blup, b.blup) && close(a.condsd, b.condsd),
            "{a:?} {b:?}"
        );
    }
}

#[tokio::test]
async fn the_sums_made_in_the_database_are_the_sums_collected_in_rust() {
    for store in stores().await {
        store.insert_world(&varied_population()).await.unwrap();
        let rows = store
            .progress()
            .outcome_rows(YEAR, MATHS, None)
            .await
            .unwrap();
        let pupils: Vec<_> = rows.iter().map(pupil_outcome).collect();
        let histogram = store
            .nation()
            .prior_outcome_histogram(YEAR, MATHS)
            .await
            .unwrap();
        assert_eq!(histogram, histogram_of(&pupils), "{:?}", store.engine());
        let centre = prior_centre(&histogram).unwrap();
        let mut stored = store.nation().ethnicity_values().await.unwrap();
        stored.sort();
        assert_eq!(stored.len(), 6, "{stored:?}");
        let columns = national_columns(&stored).unwrap();
        let in_database = store
            .nation()
            .school_moments(YEAR, MATHS, &columns, centre)
            .await
            .unwrap();
        let in_rust = school_aggregates_of(&pupils, &columns, centre);
        assert_eq!(in_database.len(), 24);
        assert_eq!(in_database.len(), in_rust.len());
        for (d, r) in in_database.iter().zip(&in_rust) {
            assert_eq!(
                (d.school, d.outcomes, d.moments.n),
                (r.school, r.outcomes, r.moments.n)
            );
            assert_eq!(d.moments.n, 28, "two pupils of 30 lack a covariate");
            assert!(close(d.outcome_sum, r.outcome_sum));
            for (a, b) in d.moments.sums.iter().zip(&r.moments.sums) {
                assert!(close(*a, *b), "{a} vs {b}");
            }
            for (a, b) in d.moments.products.iter().zip(&r.moments.products) {
                assert!(close(*a, *b), "{a} vs {b}");
            }
        }
        // The hostile value was bound as data: the results are all still there.
        assert_eq!(
            store.nation().pass_over_results().await.unwrap().rows,
            24 * 30 * 2 - 24
        );
    }
}

#[tokio::test]
async fn the_national_refit_is_the_fit_from_pupils_and_the_pages_read_it() {
    for store in stores().await {
        store.insert_world(&varied_population()).await.unwrap();
        let fresh = reference::fit(&store, YEAR, MATHS).await.unwrap().unwrap();
        let refit = national::refit_all(&store, &MeasureSettings::default())
            .await
            .unwrap();
        assert_eq!(refit.subjects.len(), 1, "one year and subject has finals");
        let subject = &refit.subjects[0];
        assert_eq!(
            (subject.year, subject.subject, subject.schools),
            (YEAR, MATHS, 24)
        );
        assert!(!subject.published);
        let national = subject.fitted.as_ref().unwrap();
        same_reference(national, &fresh);
        // Stored at the current version: a new process reads it rather than fitting.
        let version = store.data_version().await.unwrap();
        assert_eq!(refit.version, version);
        let stored = store
            .stored_reference_fit(YEAR, MATHS, version)
            .await
            .unwrap()
            .unwrap();
        let read = reference::decode(&stored).unwrap().unwrap();
        assert_eq!(*read, **national, "the stored fit is the national one");
        let pages = References::default();
        let got = pages
            .get(&store, version, YEAR, MATHS)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(*got, **national, "the pages read the national fit");
    }
}

#[tokio::test]
async fn after_an_import_the_pages_fit_from_the_database_sums_as_from_the_pupils() {
    for store in stores().await {
        store.insert_world(&varied_population()).await.unwrap();
        // The old path: every pupil of the year and subject read into Rust and fitted.
        let fresh = reference::fit(&store, YEAR, MATHS).await.unwrap().unwrap();
        // No fit is stored at this version: the pages fit one now, from the sums.
        let version = store.data_version().await.unwrap();
        assert!(
            store
                .stored_reference_fit(YEAR, MATHS, version)
                .await
                .unwrap()
                .is_none()
        );
        let pages = References::default();
        let got = pages
            .get(&store, version, YEAR, MATHS)
            .await
            .unwrap()
            .unwrap();
        same_reference(&got, &fresh);
        assert_eq!(
            got.contextual.as_ref().unwrap().fit.fixef.len(),
            9 + 3,
            "the nine terms and the ethnic groups besides the largest (Asian, not recorded, the hostile one)"
        );
        // And stored, so the next process reads it.
        let stored = store
            .stored_reference_fit(YEAR, MATHS, version)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(*reference::decode(&stored).unwrap().unwrap(), *got);
    }
}

#[tokio::test]
async fn a_nation_is_generated_only_inside_postgresql_and_only_into_an_empty_database() {
    let plan = NationPlan {
        schools: 4,
        pupils: 120,
        years: 2,
        seed: 1,
        first_year: 2023,
        cluster_size: 2,
        staff_password_hash: "x".into(),
    };
    for store in stores().await {
        match store.engine() {
            headway_store::Engine::Sqlite => {
                let err = store.nation().generate(&plan).await.unwrap_err();
                assert!(err.to_string().contains("PostgreSQL"), "{err}");
            }
            headway_store::Engine::Postgres => {
                let written = store.nation().generate(&plan).await.unwrap();
                let rows = |table: &str| {
                    written
                        .iter()
                        .filter(|w| w.table == table)
                        .map(|w| w.rows)
                        .sum::<u64>()
                };
                assert_eq!(rows("pupils"), 120);
                // A baseline and two finals per pupil.
                assert_eq!(rows("results"), 360);
                assert_eq!(rows("schools"), 4);
                assert_eq!(rows("enrolments"), 240);
                assert!(store.nation().generate(&plan).await.is_err(), "not twice");
                // The generated nation refits: every year and subject gets a fit (or a
                // stated refusal: 60 pupils a year are too few) stored.
                let refit = national::refit_all(&store, &MeasureSettings::default())
                    .await
                    .unwrap();
                assert_eq!(refit.subjects.len(), 4, "two subjects in two years");
                let pass = store.nation().pass_over_results().await.unwrap();
                assert_eq!(pass.rows, 360);
            }
        }
    }
}
