//! Results spreadsheets between the upload and the mapping of their columns, and what a
//! sheet may name (pupils, subjects and assessment points already in the database).

use super::{Imports, Keeper, PENDING_LIFETIME_SECONDS, PendingLimits, now_micros, pending_id};
use crate::{StoreError, on_pool, on_tx};
use headway_domain::ids::SchoolId;

/// An uploaded sheet waiting for its columns to be mapped; `sheet` is its JSON.
#[derive(Debug, Clone)]
pub struct PendingSheet {
    pub id: String,
    pub file_name: String,
    pub sheet: String,
    /// What the sheet holds: `results` or `attendance`.
    pub kind: String,
}

/// What a school's results sheet may refer to.
#[derive(Debug, Clone, Default)]
pub struct SheetReferences {
    /// The pupils the sheet names that the school holds, by the school's source id, with
    /// their school (always this one: another school's pupil is no pupil here).
    pub pupils: Vec<(String, i64)>,
    pub subject_codes: Vec<String>,
    /// Assessment points with a source id that the school may use (its own or shared),
    /// with their scale.
    pub points: Vec<(String, Option<f64>, Option<f64>)>,
}

impl Imports<'_> {
    /// Keeps an uploaded sheet (JSON) until its mapping is confirmed, within the school's
    /// `limits` (see [`Store::make_room`]); returns its random id.
    pub async fn save_pending_sheet(
        &self,
        school: SchoolId,
        person: i64,
        file_name: &str,
        sheet: &str,
        limits: PendingLimits,
    ) -> Result<String, StoreError> {
        self.save_pending_sheet_of_kind(school, person, file_name, sheet, "results", limits)
            .await
    }

    /// Like [`Imports::save_pending_sheet`], for a sheet of `kind` (`results`, `attendance`).
    pub async fn save_pending_sheet_of_kind(
        &self,
        school: SchoolId,
        person: i64,
        file_name: &str,
        sheet: &str,
        kind: &str,
        limits: PendingLimits,
    ) -> Result<String, StoreError> {
        let id = pending_id();
        let mut tx = self.store.begin().await?;
        self.store
            .make_room(&mut tx, Keeper::School(school), sheet.len() as u64, limits)
            .await?;
        on_tx!(&mut tx, conn => {
            sqlx::query("INSERT INTO pending_sheets (id, school_id, person_id, file_name, sheet, created_at, size_bytes, saved_at_us, kind) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .bind(&id).bind(school.0).bind(person).bind(file_name).bind(sheet).bind(self.store.now())
                .bind(sheet.len() as i64).bind(now_micros()).bind(kind)
                .execute(&mut *conn).await?;
        });
        tx.commit().await?;
        Ok(id)
    }

    /// The pending sheet `id` of `school`, if it is still kept.
    pub async fn pending_sheet(
        &self,
        school: SchoolId,
        id: &str,
    ) -> Result<Option<PendingSheet>, StoreError> {
        let row: Option<(String, String, String, String)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT id, file_name, sheet, kind FROM pending_sheets WHERE id = $1 AND school_id = $2 AND created_at >= $3")
            .bind(id).bind(school.0).bind(self.store.now() - PENDING_LIFETIME_SECONDS)
            .fetch_optional(pool).await)?;
        Ok(row.map(|(id, file_name, sheet, kind)| PendingSheet {
            id,
            file_name,
            sheet,
            kind,
        }))
    }

    pub async fn delete_pending_sheet(&self, id: &str) -> Result<(), StoreError> {
        on_pool!(self.store, pool => sqlx::query("DELETE FROM pending_sheets WHERE id = $1")
            .bind(id).execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// The pupils, subjects and assessment points a results sheet for `school` may name. Of
    /// the pupils, only those with one of `pupil_ids` (the sheet's): a deployment may hold
    /// a nation's pupils.
    pub async fn sheet_references(
        &self,
        school: SchoolId,
        pupil_ids: &[&str],
    ) -> Result<SheetReferences, StoreError> {
        let mut wanted: Vec<&str> = pupil_ids.to_vec();
        wanted.sort_unstable();
        wanted.dedup();
        Ok(on_pool!(self.store, pool => {
            let mut pupils: Vec<(String, i64)> = Vec::new();
            for chunk in wanted.chunks(1_000) {
                let mut q = sqlx::QueryBuilder::new("SELECT source_id, school_id FROM source_keys WHERE kind = 'pupil' AND school_id = ");
                q.push_bind(school.0);
                q.push(" AND source_id IN (");
                let mut ids = q.separated(", ");
                for id in chunk {
                    ids.push_bind(*id);
                }
                ids.push_unseparated(")");
                pupils.extend(q.build_query_as::<(String, i64)>().fetch_all(pool).await?);
            }
            let subject_codes: Vec<String> = sqlx::query_scalar("SELECT code FROM subjects")
                .fetch_all(pool).await?;
            let points: Vec<(String, Option<f64>, Option<f64>)> = sqlx::query_as(
                "SELECT k.source_id, p.scale_min, p.scale_max FROM source_keys k
                 JOIN assessment_points p ON p.id = k.target_id AND p.school_id = k.school_id
                 WHERE k.kind = 'point' AND k.school_id = $1
                 UNION ALL
                 SELECT source_id, scale_min, scale_max FROM assessment_points
                 WHERE source_id IS NOT NULL AND school_id IS NULL")
                .bind(school.0)
                .fetch_all(pool).await?;
            SheetReferences { pupils, subject_codes, points }
        }))
    }
}
