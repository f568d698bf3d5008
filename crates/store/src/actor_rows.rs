//! Writing the rows that hang off an actor (campus and tag links, contact persons, relations): shared by loading
//! a data set and by updating an actor, so both write them the same way.

use crate::StoreError;
use crate::rows::unique_as;
use domain::{ContactPerson, Relation};
use sqlx::AnyConnection;

/// Links an actor to campuses and tags (by id) and inserts its contact persons in order.
pub(crate) async fn insert_links(
    conn: &mut AnyConnection,
    actor_id: i64,
    campus_ids: &[i64],
    tag_ids: &[i64],
    contacts: &[ContactPerson],
) -> Result<(), StoreError> {
    for campus_id in campus_ids {
        sqlx::query("INSERT INTO actor_campuses (actor_id, campus_id) VALUES ($1, $2)")
            .bind(actor_id)
            .bind(campus_id)
            .execute(&mut *conn)
            .await?;
    }
    for tag_id in tag_ids {
        sqlx::query("INSERT INTO actor_tags (actor_id, tag_id) VALUES ($1, $2)")
            .bind(actor_id)
            .bind(tag_id)
            .execute(&mut *conn)
            .await?;
    }
    for (position, c) in contacts.iter().enumerate() {
        sqlx::query(
            "INSERT INTO contact_persons (actor_id, position, name, role_sv, role_en, email) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(actor_id)
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(&c.name)
        .bind(&c.role.sv)
        .bind(&c.role.en)
        .bind(c.email.as_ref().map(|e| e.as_str()))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Inserts one relation between two actors given by id; a duplicate is `Conflict("relations")`.
pub(crate) async fn insert_relation(
    conn: &mut AnyConnection,
    from_id: i64,
    relation: &Relation,
    to_id: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO relations (from_actor_id, kind, to_actor_id, since_year, until_year, source) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(from_id)
    .bind(relation.kind.as_str())
    .bind(to_id)
    .bind(relation.since.map(i64::from))
    .bind(relation.until.map(i64::from))
    .bind(relation.source.as_deref())
    .execute(&mut *conn)
    .await
    .map_err(unique_as("relations"))?;
    Ok(())
}
