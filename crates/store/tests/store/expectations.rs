//! Published expectations tables: an import replaces each measure and year's table it
//! names, counts by group, writes nothing when the table is unchanged or only previewed,
//! and the progress pages read the table back by year and subject.

use crate::harness::{import_expectations, small_world, stores};
use headway_store::Store;
use headway_store::expectations::{ExpectationRow, KnownNames, PublishedGroup};
use headway_store::imports::{ImportCounts, Mode, TableCounts};
use headway_store::seed::{SubjectRow, YearRow};
use time::macros::date;

const MAT: i64 = 1;
const ENG: i64 = 2;
const YEAR: i64 = 1;

/// The example world, with English and a second academic year added.
async fn world(store: &Store) {
    let mut world = small_world();
    world.subjects.push(SubjectRow {
        id: ENG,
        code: "ENG".into(),
        name: "English".into(),
    });
    world.years.push(YearRow {
        id: 2,
        name: "2026/27".into(),
        starts_on: date!(2026 - 09 - 01),
        ends_on: date!(2027 - 08 - 31),
    });
    store.insert_world(&world).await.unwrap();
}

fn row(
    measure: &str,
    year: &str,
    group: &str,
    low: f64,
    high: f64,
    expected: f64,
) -> ExpectationRow {
    ExpectationRow {
        measure: measure.into(),
        year: year.into(),
        group: group.into(),
        low,
        high,
        expected,
        sd: None,
    }
}

fn maths() -> Vec<ExpectationRow> {
    vec![
        row("MAT", "2025/26", "1", 59.0, 82.0, 2.1),
        row("MAT", "2025/26", "2", 82.5, 86.0, 2.9),
        row("MAT", "2025/26", "3", 86.5, 87.5, 3.4),
    ]
}

fn table<'a>(counts: &'a ImportCounts, name: &str) -> &'a TableCounts {
    counts.table(name).unwrap()
}

/// (added, changed, unchanged, removed)
fn tally(counts: &TableCounts) -> (u64, u64, u64, u64) {
    (
        counts.added,
        counts.changed,
        counts.unchanged,
        counts.removed,
    )
}

fn published(rows: &[ExpectationRow]) -> Vec<PublishedGroup> {
    let mut groups: Vec<PublishedGroup> = rows
        .iter()
        .map(|r| PublishedGroup {
            group: r.group.clone(),
            low: r.low,
            high: r.high,
            expected: r.expected,
        })
        .collect();
    groups.sort_by(|a, b| a.low.total_cmp(&b.low));
    groups
}

#[tokio::test]
async fn expectations_are_added_then_reimporting_the_same_table_writes_nothing() {
    for store in stores().await {
        world(&store).await;
        let first = import_expectations(&store, &maths(), Mode::Apply)
            .await
            .unwrap();
        assert_eq!(
            tally(table(&first, "prior_attainment_groups")),
            (3, 0, 0, 0)
        );
        assert_eq!(tally(table(&first, "expected_outcomes")), (3, 0, 0, 0));
        assert_eq!(
            store.published_expectations(YEAR, MAT).await.unwrap(),
            published(&maths())
        );

        let again = import_expectations(&store, &maths(), Mode::Apply)
            .await
            .unwrap();
        assert!(again.changes_nothing(), "{again:#?}");
        assert_eq!(
            tally(table(&again, "prior_attainment_groups")),
            (0, 0, 3, 0)
        );
        assert_eq!(tally(table(&again, "expected_outcomes")), (0, 0, 3, 0));
        assert_eq!(
            store.published_expectations(YEAR, MAT).await.unwrap(),
            published(&maths())
        );
    }
}

#[tokio::test]
async fn a_published_sd_is_imported_with_its_table_and_taken_back_by_a_table_without_one() {
    for store in stores().await {
        world(&store).await;
        let with_sd: Vec<ExpectationRow> = maths()
            .into_iter()
            .map(|r| ExpectationRow {
                sd: Some(1.41628),
                ..r
            })
            .collect();
        let preview = import_expectations(&store, &with_sd, Mode::Preview)
            .await
            .unwrap();
        assert_eq!(tally(table(&preview, "published_sigmas")), (1, 0, 0, 0));
        assert_eq!(store.published_sigma(YEAR, MAT).await.unwrap(), None);
        import_expectations(&store, &with_sd, Mode::Apply)
            .await
            .unwrap();
        assert_eq!(
            store.published_sigma(YEAR, MAT).await.unwrap(),
            Some(1.41628)
        );
        assert_eq!(store.published_sigma(YEAR, ENG).await.unwrap(), None);
        let again = import_expectations(&store, &with_sd, Mode::Apply)
            .await
            .unwrap();
        assert!(again.changes_nothing(), "{again:#?}");
        // The same table without an SD: intervals go back to the measured spread.
        let without = import_expectations(&store, &maths(), Mode::Apply)
            .await
            .unwrap();
        assert_eq!(tally(table(&without, "published_sigmas")), (0, 0, 0, 1));
        assert_eq!(store.published_sigma(YEAR, MAT).await.unwrap(), None);
    }
}

#[tokio::test]
async fn expectations_previewed_are_counted_but_not_written() {
    for store in stores().await {
        world(&store).await;
        let preview = import_expectations(&store, &maths(), Mode::Preview)
            .await
            .unwrap();
        assert_eq!(tally(table(&preview, "expected_outcomes")), (3, 0, 0, 0));
        assert!(
            store
                .published_expectations(YEAR, MAT)
                .await
                .unwrap()
                .is_empty()
        );
        // The preview's counts are exactly what applying does.
        let applied = import_expectations(&store, &maths(), Mode::Apply)
            .await
            .unwrap();
        assert_eq!(applied, preview);
    }
}

#[tokio::test]
async fn expectations_reimported_replace_only_the_measure_and_year_in_the_file() {
    for store in stores().await {
        world(&store).await;
        let mut both = maths();
        both.push(row("ENG", "2025/26", "1", 0.0, 100.0, 4.0));
        both.push(row("MAT", "2026/27", "1", 0.0, 100.0, 5.0));
        import_expectations(&store, &both, Mode::Apply)
            .await
            .unwrap();

        // Group 1 moves, group 2's expectation changes, group 3 goes, group 4 arrives.
        let revised = vec![
            row("MAT", "2025/26", "1", 59.0, 82.4, 2.1),
            row("MAT", "2025/26", "2", 82.5, 86.0, 3.0),
            row("MAT", "2025/26", "4", 88.0, 89.0, 3.8),
        ];
        let counts = import_expectations(&store, &revised, Mode::Apply)
            .await
            .unwrap();
        assert_eq!(
            tally(table(&counts, "prior_attainment_groups")),
            (1, 1, 1, 1)
        );
        assert_eq!(tally(table(&counts, "expected_outcomes")), (1, 1, 1, 1));
        assert_eq!(
            store.published_expectations(YEAR, MAT).await.unwrap(),
            published(&revised)
        );
        // Other measures and years of the first file are untouched.
        assert_eq!(
            store.published_expectations(YEAR, ENG).await.unwrap(),
            published(&both[3..4])
        );
        assert_eq!(
            store.published_expectations(2, MAT).await.unwrap(),
            published(&both[4..5])
        );
    }
}

#[tokio::test]
async fn expectations_naming_an_unknown_year_write_nothing() {
    for store in stores().await {
        world(&store).await;
        let mut rows = maths();
        rows.push(row("MAT", "1999/00", "1", 0.0, 100.0, 5.0));
        let err = import_expectations(&store, &rows, Mode::Apply)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("1999/00"), "{err}");
        assert!(
            store
                .published_expectations(YEAR, MAT)
                .await
                .unwrap()
                .is_empty()
        );
    }
}

#[tokio::test]
async fn expectations_are_read_only_for_their_own_subject_and_year() {
    for store in stores().await {
        world(&store).await;
        import_expectations(&store, &maths(), Mode::Apply)
            .await
            .unwrap();
        assert!(
            store
                .published_expectations(YEAR, ENG)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(
            store
                .published_expectations(2, MAT)
                .await
                .unwrap()
                .is_empty()
        );
    }
}

#[tokio::test]
async fn expectations_may_name_the_subject_codes_and_years_the_database_holds() {
    for store in stores().await {
        world(&store).await;
        let known = store.imports().known_names().await.unwrap();
        assert_eq!(
            known,
            KnownNames {
                subject_codes: ["ENG", "MAT"].map(String::from).into(),
                year_names: ["2025/26", "2026/27"].map(String::from).into(),
            }
        );
    }
}
