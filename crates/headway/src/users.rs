//! `headway user add`: create an account with a role at a school or organisation.

use crate::config::{Config, Overrides};
use anyhow::{Context, bail};
use headway_app::accounts::{NewAccount, add_account};
use headway_domain::account::{Email, check_new_password, hash_password};
use headway_domain::ids::{OrgId, SubjectId};
use headway_domain::roles::Role;
use std::io::BufRead;

#[derive(Debug, clap::Subcommand)]
pub enum UserCommand {
    /// Add a person who can sign in, with one role
    Add(AddArgs),
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    #[command(flatten)]
    overrides: Overrides,
    /// Their email address (they sign in with it)
    #[arg(long)]
    email: String,
    /// Their name as shown in Headway
    #[arg(long)]
    name: String,
    /// head, senior_leader, middle_leader, teacher, support_staff, governor, data_manager,
    /// cluster_lead, system_leader or administrator
    #[arg(long)]
    role: Role,
    /// The school or organisation the role is held at: its id, or a school's OneRoster
    /// sourcedId (`headway import` prints both for the schools it creates)
    #[arg(long, value_name = "ID")]
    org: String,
    /// For a middle leader: the id of the subject (department) they lead
    #[arg(long, value_name = "ID")]
    subject: Option<i64>,
    /// Read the password from the first line of standard input instead of asking
    #[arg(long)]
    password_stdin: bool,
}

pub async fn run(command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Add(args) => add(args).await,
    }
}

async fn add(args: AddArgs) -> anyhow::Result<()> {
    let config = Config::load(&args.overrides, "headway.db")?;
    config.ensure_data_dir()?;
    let email = Email::parse(&args.email)?;
    let store = crate::serve::open_store(&config).await?;
    let org_id = match args.org.trim().parse::<i64>() {
        Ok(id) => id,
        Err(_) => {
            let schools = store
                .imports()
                .schools_with_source_id(args.org.trim())
                .await?;
            match schools.as_slice() {
                [school] => school.0,
                [] => bail!(
                    "there is no school with the sourcedId '{}': give a school's id or the sourcedId its import used (`headway import` prints both)",
                    args.org
                ),
                several => bail!(
                    "{} schools have the sourcedId '{}' (ids {}): give the id of one",
                    several.len(),
                    args.org,
                    several
                        .iter()
                        .map(|s| s.0.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }
        }
    };
    let org = store.roster().org(OrgId(org_id)).await?.with_context(|| {
        format!(
            "there is no school or organisation with id {org_id}: schools come from an import (`headway import BUNDLE`), which prints their ids"
        )
    })?;
    if args.role.is_school_role() != (org.kind == "school") {
        bail!(
            "the role {} is held at {}, but {} ({}) is a {}",
            args.role,
            if args.role.is_school_role() {
                "a school"
            } else {
                "a cluster, trust, district or system"
            },
            org.name,
            org.id,
            org.kind
        );
    }
    let password = if args.password_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    } else {
        eprint!("Password for {email} (at least 10 characters): ");
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    check_new_password(&password, &email)?;
    let cost = config.password_cost;
    let hash = tokio::task::spawn_blocking(move || hash_password(&password, cost)).await??;
    let account = NewAccount {
        email: &email,
        display_name: &args.name,
        password_hash: &hash,
        role: args.role,
        org: OrgId(org.id),
        subject: args.subject.map(SubjectId),
    };
    let detail = format!(
        "{email} as {} at {} ({}) from the command line",
        args.role, org.name, org.id
    );
    add_account(&store, account, None, &detail).await?;
    println!(
        "Added {} <{email}> as {} at {}.",
        args.name, args.role, org.name
    );
    Ok(())
}
