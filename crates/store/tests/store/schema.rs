//! The two engines' migrations must define the same schema: same migrations, same tables,
//! same columns in the same order.

use std::collections::BTreeMap;

fn tables(sql: &str) -> BTreeMap<String, Vec<String>> {
    let mut tables = BTreeMap::new();
    let mut rest = sql;
    while let Some(start) = rest.find("CREATE TABLE ") {
        let after = &rest[start + "CREATE TABLE ".len()..];
        let name = after.split_whitespace().next().unwrap().to_owned();
        let body_start = after.find('(').unwrap() + 1;
        // `);`, or `) WITHOUT ROWID;` in SQLite.
        let body_end = after.find("\n)").unwrap();
        let columns = after[body_start..body_end]
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("--"))
            .filter(|l| {
                !l.starts_with("PRIMARY KEY") && !l.starts_with("UNIQUE") && !l.starts_with("CHECK")
            })
            .filter_map(|l| l.split_whitespace().next())
            // Continuation lines of a CHECK list start with a quote.
            .filter(|w| !w.starts_with('\''))
            .map(str::to_owned)
            .collect();
        tables.insert(name, columns);
        rest = &after[body_end..];
    }
    tables
}

fn migration_files(engine: &str) -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(engine);
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn sqlite_and_postgres_migrations_define_the_same_tables_and_columns() {
    let sqlite = migration_files("sqlite");
    let postgres = migration_files("postgres");
    let names =
        |files: &[(String, String)]| files.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&sqlite),
        names(&postgres),
        "the migration folders differ in their files"
    );
    for ((name, lite), (_, pg)) in sqlite.iter().zip(&postgres) {
        let (lite, pg) = (tables(lite), tables(pg));
        assert!(!lite.is_empty(), "{name} defines no tables");
        assert_eq!(lite, pg, "{name} differs between SQLite and PostgreSQL");
    }
}

#[test]
fn the_schema_reader_sees_every_column() {
    let tables = tables(&migration_files("sqlite")[0].1);
    assert_eq!(tables["class_teachers"], ["class_id", "person_id"]);
    assert!(tables["pupils"].contains(&"disadvantaged".to_owned()));
}
