//! The two engines' migrations must define the same schema: the same migrations, and after
//! each one the same tables with the same columns in the same order, each of the same type
//! (in a vocabulary both engines share) and nullability, the same primary keys, unique
//! constraints, foreign keys and indexes.
//!
//! The migrations are read as text, statement by statement, into a [`Schema`]; a statement
//! this reader does not know stops the test, so a new kind of statement is compared too
//! once the reader learns it.

use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Engine {
    Sqlite,
    Postgres,
}

/// A column's type in words both engines share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Type {
    /// 64-bit: SQLite's INTEGER (every integer is 64-bit there), PostgreSQL's BIGINT.
    Integer,
    /// PostgreSQL's INTEGER: 32-bit, which SQLite has no way to say (a bug waiting for a
    /// large id, since the store reads integers as i64).
    Integer32,
    Float,
    Boolean,
    Text,
    /// PostgreSQL's DATE; SQLite keeps dates as ISO-8601 TEXT, so a SQLite TEXT column
    /// matches it.
    Date,
    Bytes,
}

impl Type {
    fn of(engine: Engine, declared: &str) -> Type {
        let declared = declared.to_ascii_uppercase();
        match (engine, declared.as_str()) {
            (Engine::Sqlite, "INTEGER" | "INT" | "BIGINT") => Type::Integer,
            (Engine::Postgres, "BIGINT" | "INT8" | "BIGSERIAL") => Type::Integer,
            (Engine::Postgres, "INTEGER" | "INT" | "INT4" | "SERIAL") => Type::Integer32,
            (_, "DOUBLE PRECISION" | "REAL" | "FLOAT8") => Type::Float,
            (_, "BOOLEAN" | "BOOL") => Type::Boolean,
            (_, "TEXT") => Type::Text,
            (Engine::Postgres, "DATE") => Type::Date,
            (Engine::Sqlite, "BLOB") | (Engine::Postgres, "BYTEA") => Type::Bytes,
            (engine, other) => panic!("the schema reader does not know {engine:?}'s type {other}"),
        }
    }

    fn matches(sqlite: Type, postgres: Type) -> bool {
        sqlite == postgres || (sqlite == Type::Text && postgres == Type::Date)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Column {
    name: String,
    kind: Type,
    not_null: bool,
}

/// `columns` of this table refer to `to_columns` of `to`, with what happens on delete.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct ForeignKey {
    columns: Vec<String>,
    to: String,
    to_columns: Vec<String>,
    on_delete: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Index {
    name: String,
    unique: bool,
    columns: Vec<String>,
}

#[derive(Debug, Clone, Default)]
struct Table {
    columns: Vec<Column>,
    primary_key: Vec<String>,
    unique: BTreeSet<Vec<String>>,
    foreign_keys: BTreeSet<ForeignKey>,
    indexes: BTreeSet<Index>,
}

type Schema = BTreeMap<String, Table>;

/// SQL without its `--` comments.
fn without_comments(sql: &str) -> String {
    sql.lines()
        .map(|line| line.split_once("--").map_or(line, |(code, _)| code))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` split at `separator` outside parentheses and quotes.
fn split_top_level(text: &str, separator: char) -> Vec<String> {
    let (mut parts, mut current, mut depth, mut quoted) = (Vec::new(), String::new(), 0, false);
    for c in text.chars() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth -= 1,
            c if c == separator && depth == 0 && !quoted => {
                parts.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    parts.push(current);
    parts
        .into_iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// The names in a parenthesised list, `(a, b)`, lower-cased.
fn names(list: &str) -> Vec<String> {
    let inner = list.trim().trim_start_matches('(').trim_end_matches(')');
    inner
        .split(',')
        .map(|n| n.trim().to_ascii_lowercase())
        .collect()
}

/// What follows `REFERENCES`: `table(columns) [ON DELETE action]`.
fn reference(columns: Vec<String>, rest: &str) -> ForeignKey {
    let open = rest.find('(').expect("REFERENCES table(columns)");
    let close = open + rest[open..].find(')').expect("a closing parenthesis");
    let upper = rest.to_ascii_uppercase();
    let on_delete = upper
        .find("ON DELETE ")
        .map(|at| {
            let action = &upper[at + "ON DELETE ".len()..];
            let words = if action.starts_with("SET ") || action.starts_with("NO ") {
                2
            } else {
                1
            };
            action
                .split_whitespace()
                .take(words)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|| "NO ACTION".to_owned());
    ForeignKey {
        columns,
        to: rest[..open].trim().to_ascii_lowercase(),
        to_columns: names(&rest[open..=close]),
        on_delete,
    }
}

/// Words that end a column's type and start its constraints.
const CONSTRAINT_WORDS: [&str; 9] = [
    "NOT",
    "NULL",
    "PRIMARY",
    "REFERENCES",
    "UNIQUE",
    "CHECK",
    "DEFAULT",
    "GENERATED",
    "COLLATE",
];

/// One column definition, adding its constraints to `table`.
fn column(engine: Engine, definition: &str, table: &mut Table) {
    let words: Vec<&str> = definition.split_whitespace().collect();
    let name = words[0].to_ascii_lowercase();
    let type_end = words[1..]
        .iter()
        .position(|w| CONSTRAINT_WORDS.contains(&w.to_ascii_uppercase().as_str()))
        .map_or(words.len(), |p| p + 1);
    let kind = Type::of(engine, &words[1..type_end].join(" "));
    let constraints = words[type_end..].join(" ");
    let upper = constraints.to_ascii_uppercase();
    let primary = upper.contains("PRIMARY KEY");
    if primary {
        table.primary_key = vec![name.clone()];
    }
    if upper.split_whitespace().any(|w| w == "UNIQUE") {
        table.unique.insert(vec![name.clone()]);
    }
    if let Some(at) = upper.find("REFERENCES ") {
        let rest = &constraints[at + "REFERENCES ".len()..];
        table
            .foreign_keys
            .insert(reference(vec![name.clone()], rest));
    }
    table.columns.push(Column {
        name,
        kind,
        not_null: primary || upper.contains("NOT NULL"),
    });
}

fn create_table(engine: Engine, statement: &str, schema: &mut Schema) {
    let open = statement.find('(').expect("CREATE TABLE name (");
    let name = statement["CREATE TABLE ".len()..open]
        .trim_start_matches("IF NOT EXISTS ")
        .trim()
        .to_ascii_lowercase();
    let close = statement.rfind(')').expect("a closing parenthesis");
    let mut table = Table::default();
    for part in split_top_level(&statement[open + 1..close], ',') {
        let upper = part.to_ascii_uppercase();
        if let Some(list) = upper.strip_prefix("PRIMARY KEY") {
            table.primary_key = names(list);
        } else if let Some(list) = upper.strip_prefix("UNIQUE") {
            table.unique.insert(names(list));
        } else if upper.starts_with("FOREIGN KEY") {
            let at = upper.find("REFERENCES ").expect("FOREIGN KEY … REFERENCES");
            let columns = names(&part["FOREIGN KEY".len()..at]);
            let fk = reference(columns, &part[at + "REFERENCES ".len()..]);
            table.foreign_keys.insert(fk);
        } else if upper.starts_with("CHECK") || upper.starts_with("CONSTRAINT") {
            // CHECK expressions differ in spelling between engines; not compared.
        } else {
            column(engine, &part, &mut table);
        }
    }
    for key in &table.primary_key {
        if let Some(column) = table.columns.iter_mut().find(|c| &c.name == key) {
            column.not_null = true;
        }
    }
    schema.insert(name, table);
}

fn create_index(statement: &str, schema: &mut Schema) {
    let upper = statement.to_ascii_uppercase();
    let unique = upper.starts_with("CREATE UNIQUE INDEX");
    let after = &statement[upper.find("INDEX ").unwrap() + "INDEX ".len()..];
    let after = after
        .strip_prefix("IF NOT EXISTS ")
        .or_else(|| after.strip_prefix("if not exists "))
        .unwrap_or(after);
    let (name, rest) = after
        .split_once(" ON ")
        .expect("CREATE INDEX name ON table(…)");
    let open = rest.find('(').expect("the indexed columns");
    let table = rest[..open].trim().to_ascii_lowercase();
    let columns = names(&rest[open..]);
    schema
        .get_mut(&table)
        .unwrap_or_else(|| panic!("index {name} is on an unknown table {table}"))
        .indexes
        .insert(Index {
            name: name.trim().to_ascii_lowercase(),
            unique,
            columns,
        });
}

fn alter_table(engine: Engine, statement: &str, schema: &mut Schema) {
    let rest = &statement["ALTER TABLE ".len()..];
    let (name, change) = rest.split_once(' ').expect("ALTER TABLE name …");
    let name = name.to_ascii_lowercase();
    let upper = change.to_ascii_uppercase();
    if let Some(new_name) = upper.strip_prefix("RENAME TO ") {
        let table = schema.remove(&name).expect("a table to rename");
        schema.insert(new_name.trim().to_ascii_lowercase(), table);
    } else if upper.starts_with("ADD COLUMN ") {
        let table = schema.get_mut(&name).expect("a table to add to");
        column(engine, &change["ADD COLUMN ".len()..], table);
    } else if let Some(dropped) = upper.strip_prefix("DROP COLUMN ") {
        let dropped = dropped.trim().to_ascii_lowercase();
        let table = schema.get_mut(&name).expect("a table to drop from");
        table.columns.retain(|c| c.name != dropped);
    } else {
        panic!("the schema reader does not know: {statement}");
    }
}

/// Applies one statement to `schema`.
fn apply(engine: Engine, statement: &str, schema: &mut Schema) {
    let upper = statement.to_ascii_uppercase();
    if upper.starts_with("CREATE TABLE ") {
        create_table(engine, statement, schema);
    } else if upper.starts_with("CREATE INDEX ") || upper.starts_with("CREATE UNIQUE INDEX ") {
        create_index(statement, schema);
    } else if upper.starts_with("ALTER TABLE ") {
        alter_table(engine, statement, schema);
    } else if let Some(name) = upper.strip_prefix("DROP TABLE ") {
        let name = name.trim_start_matches("IF EXISTS ").trim();
        schema.remove(&name.to_ascii_lowercase());
    } else if let Some(name) = upper.strip_prefix("DROP INDEX ") {
        let name = name
            .trim_start_matches("IF EXISTS ")
            .trim()
            .to_ascii_lowercase();
        for table in schema.values_mut() {
            table.indexes.retain(|i| i.name != name);
        }
    } else if upper.starts_with("ALTER INDEX ") && upper.ends_with("_PKEY") {
        // PostgreSQL names a primary key's index; SQLite's has no name. Not compared.
    } else if ["INSERT ", "UPDATE ", "DELETE "]
        .iter()
        .any(|verb| upper.starts_with(verb))
    {
        // Data, not schema.
    } else {
        panic!("the schema reader does not know: {statement}");
    }
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

/// `schema` after one migration file.
fn migrate(engine: Engine, sql: &str, schema: &mut Schema) {
    for statement in split_top_level(&without_comments(sql), ';') {
        apply(engine, &statement, schema);
    }
}

/// How two schemas differ, one line per difference (empty when they are the same).
fn differences(sqlite: &Schema, postgres: &Schema) -> Vec<String> {
    let mut found = Vec::new();
    let lite_names: Vec<&String> = sqlite.keys().collect();
    let pg_names: Vec<&String> = postgres.keys().collect();
    if lite_names != pg_names {
        found.push(format!(
            "tables: SQLite {lite_names:?}, PostgreSQL {pg_names:?}"
        ));
    }
    for (name, lite) in sqlite {
        let Some(pg) = postgres.get(name) else {
            continue;
        };
        let columns = |t: &Table| t.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
        if columns(lite) != columns(pg) {
            found.push(format!(
                "{name}: columns SQLite {:?}, PostgreSQL {:?}",
                columns(lite),
                columns(pg)
            ));
            continue;
        }
        for (l, p) in lite.columns.iter().zip(&pg.columns) {
            if !Type::matches(l.kind, p.kind) || l.not_null != p.not_null {
                found.push(format!(
                    "{name}.{}: SQLite {:?}{}, PostgreSQL {:?}{}",
                    l.name,
                    l.kind,
                    if l.not_null { " NOT NULL" } else { "" },
                    p.kind,
                    if p.not_null { " NOT NULL" } else { "" },
                ));
            }
        }
        let mut compare = |what: &str, lite: String, pg: String| {
            if lite != pg {
                found.push(format!("{name}: {what} SQLite {lite}, PostgreSQL {pg}"));
            }
        };
        let text = |value: &dyn std::fmt::Debug| format!("{value:?}");
        compare(
            "primary key",
            text(&lite.primary_key),
            text(&pg.primary_key),
        );
        compare("unique", text(&lite.unique), text(&pg.unique));
        compare(
            "foreign keys",
            text(&lite.foreign_keys),
            text(&pg.foreign_keys),
        );
        compare("indexes", text(&lite.indexes), text(&pg.indexes));
    }
    found
}

#[test]
fn sqlite_and_postgres_migrations_define_the_same_schema_after_each_migration() {
    let sqlite = migration_files("sqlite");
    let postgres = migration_files("postgres");
    let names =
        |files: &[(String, String)]| files.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&sqlite),
        names(&postgres),
        "the migration folders differ in their files"
    );
    let (mut lite_schema, mut pg_schema) = (Schema::new(), Schema::new());
    for ((name, lite), (_, pg)) in sqlite.iter().zip(&postgres) {
        migrate(Engine::Sqlite, lite, &mut lite_schema);
        migrate(Engine::Postgres, pg, &mut pg_schema);
        let found = differences(&lite_schema, &pg_schema);
        assert!(
            found.is_empty(),
            "after {name} the engines differ:\n{}",
            found.join("\n")
        );
    }
    assert!(lite_schema.len() > 20, "{:?}", lite_schema.keys());
}

#[test]
fn the_schema_reader_sees_columns_types_keys_and_indexes() {
    let mut schema = Schema::new();
    for (_, sql) in migration_files("sqlite") {
        migrate(Engine::Sqlite, &sql, &mut schema);
    }
    let class_teachers = &schema["class_teachers"];
    let names: Vec<&str> = class_teachers
        .columns
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["class_id", "person_id"]);
    assert_eq!(class_teachers.primary_key, ["class_id", "person_id"]);
    assert!(class_teachers.foreign_keys.contains(&ForeignKey {
        columns: vec!["class_id".into()],
        to: "classes".into(),
        to_columns: vec!["id".into()],
        on_delete: "CASCADE".into(),
    }));
    let pupils = &schema["pupils"];
    let disadvantaged = pupils
        .columns
        .iter()
        .find(|c| c.name == "disadvantaged")
        .unwrap();
    assert_eq!(disadvantaged.kind, Type::Boolean);
    assert!(!disadvantaged.not_null);
    assert!(pupils.unique.contains(&vec!["source_id".to_owned()]));
    // Migration 0006 rebuilt results under its old name, and 0008 made its source id index
    // non-unique (source ids are kept per school in source_keys): the reader follows both.
    let results = &schema["results"];
    assert_eq!(
        results.primary_key,
        ["pupil_id", "assessment_point_id", "subject_id"]
    );
    assert!(results.indexes.contains(&Index {
        name: "results_source_id".into(),
        unique: false,
        columns: vec!["source_id".into()],
    }));
    // Columns added later are read with their type.
    let bundles = &schema["pending_bundles"];
    let size = bundles
        .columns
        .iter()
        .find(|c| c.name == "size_bytes")
        .unwrap();
    assert_eq!((size.kind, size.not_null), (Type::Integer, true));
}

#[test]
fn a_type_key_or_index_that_differs_between_engines_is_found() {
    let read = |engine, sql: &str| {
        let mut schema = Schema::new();
        migrate(engine, sql, &mut schema);
        schema
    };
    let lite = read(
        Engine::Sqlite,
        "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER NOT NULL REFERENCES u(id), b TEXT UNIQUE);
         CREATE INDEX t_a ON t(a);",
    );
    let same = read(
        Engine::Postgres,
        "CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, a BIGINT NOT NULL REFERENCES u(id), b TEXT UNIQUE);
         CREATE INDEX t_a ON t(a);",
    );
    assert_eq!(differences(&lite, &same), Vec::<String>::new());
    let variants = [
        // A 32-bit integer where SQLite's are 64-bit.
        "CREATE TABLE t (id BIGINT PRIMARY KEY, a INTEGER NOT NULL REFERENCES u(id), b TEXT UNIQUE); CREATE INDEX t_a ON t(a);",
        // Nullable on one engine only.
        "CREATE TABLE t (id BIGINT PRIMARY KEY, a BIGINT REFERENCES u(id), b TEXT UNIQUE); CREATE INDEX t_a ON t(a);",
        // A foreign key that cascades on one engine only.
        "CREATE TABLE t (id BIGINT PRIMARY KEY, a BIGINT NOT NULL REFERENCES u(id) ON DELETE CASCADE, b TEXT UNIQUE); CREATE INDEX t_a ON t(a);",
        // Unique on one engine only.
        "CREATE TABLE t (id BIGINT PRIMARY KEY, a BIGINT NOT NULL REFERENCES u(id), b TEXT); CREATE INDEX t_a ON t(a);",
        // An index on other columns.
        "CREATE TABLE t (id BIGINT PRIMARY KEY, a BIGINT NOT NULL REFERENCES u(id), b TEXT UNIQUE); CREATE INDEX t_a ON t(a, b);",
        // A different primary key.
        "CREATE TABLE t (id BIGINT, a BIGINT NOT NULL REFERENCES u(id), b TEXT UNIQUE, PRIMARY KEY (id, a)); CREATE INDEX t_a ON t(a);",
        // Bytes where SQLite has text.
        "CREATE TABLE t (id BIGINT PRIMARY KEY, a BIGINT NOT NULL REFERENCES u(id), b BYTEA UNIQUE); CREATE INDEX t_a ON t(a);",
    ];
    for variant in variants {
        let found = differences(&lite, &read(Engine::Postgres, variant));
        assert_eq!(found.len(), 1, "{variant}: {found:?}");
    }
}
