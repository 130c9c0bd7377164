//! Moving a pupil to another school: never a side effect of an import (a bundle that names
//! another school's pupil makes a pupil of its own), only this explicit, audited step by
//! someone whose scope covers both schools (the caller asks the access policy).

use crate::error::{Conflict, Record};
use crate::{Store, StoreError, on_pool};
use headway_domain::ids::{PersonId, PupilId, SchoolId};

impl Store {
    /// The pupil `school` knows by `source_id`.
    pub async fn pupil_by_source_id(
        &self,
        school: SchoolId,
        source_id: &str,
    ) -> Result<Option<PupilId>, StoreError> {
        let id: Option<i64> = on_pool!(self, pool => sqlx::query_scalar(
            "SELECT target_id FROM source_keys WHERE school_id = $1 AND kind = 'pupil' AND source_id = $2")
            .bind(school.0).bind(source_id).fetch_optional(pool).await)?;
        Ok(id.map(PupilId))
    }

    /// Moves `pupil` to `to` in one transaction with its audit line: the pupil leaves the
    /// classes of its old school and the old school's sourcedId for it; `source_id`, when
    /// given, is the new school's sourcedId for the pupil, so that its next bundle finds
    /// them. Results stay with the pupil.
    pub async fn transfer_pupil(
        &self,
        pupil: PupilId,
        to: SchoolId,
        source_id: Option<&str>,
        actor: PersonId,
    ) -> Result<(), StoreError> {
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let from: Option<i64> = sqlx::query_scalar("SELECT school_id FROM pupils WHERE id = $1")
                .bind(pupil.0).fetch_optional(&mut *tx).await?;
            let from = from.ok_or_else(|| StoreError::not_found(Record::Pupil, pupil.0))?;
            let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM schools WHERE org_id = $1)")
                .bind(to.0).fetch_one(&mut *tx).await?;
            if !exists {
                return Err(StoreError::not_found(Record::School, to.0));
            }
            if from == to.0 {
                return Err(StoreError::Conflict(Conflict::PupilAlreadyAtSchool { pupil: pupil.0, school: to.0 }));
            }
            if let Some(source) = source_id {
                let taken: bool = sqlx::query_scalar(
                    "SELECT EXISTS (SELECT 1 FROM source_keys WHERE school_id = $1 AND kind = 'pupil' AND source_id = $2)")
                    .bind(to.0).bind(source).fetch_one(&mut *tx).await?;
                if taken {
                    return Err(StoreError::Conflict(Conflict::PupilSourcedIdTaken {
                        school: to.0, source_id: source.to_owned() }));
                }
            }
            sqlx::query("UPDATE pupils SET school_id = $1 WHERE id = $2")
                .bind(to.0).bind(pupil.0).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM enrolments WHERE pupil_id = $1 AND class_id IN (SELECT id FROM classes WHERE school_id = $2)")
                .bind(pupil.0).bind(from).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM source_keys WHERE kind = 'pupil' AND target_id = $1")
                .bind(pupil.0).execute(&mut *tx).await?;
            if let Some(source) = source_id {
                sqlx::query("INSERT INTO source_keys (school_id, kind, source_id, target_id) VALUES ($1, 'pupil', $2, $3)")
                    .bind(to.0).bind(source).bind(pupil.0).execute(&mut *tx).await?;
            }
            sqlx::query("INSERT INTO audit_log (at, actor_id, action, detail) VALUES ($1, $2, 'transfer-pupil', $3)")
                .bind(self.now()).bind(actor.0)
                .bind(format!("pupil {} from school {from} to school {}", pupil.0, to.0))
                .execute(&mut *tx).await?;
            crate::versions::bump_data_version!(tx);
            tx.commit().await?;
        });
        Ok(())
    }
}
