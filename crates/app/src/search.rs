//! The search index kept in step with the database: rebuilt from it when new or of another layout, and caught
//! up from the change log (`search_changes`) after every write and every few seconds for other servers' writes.

use crate::AppError;
use search::{SearchIndex, TermList};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use store::Store;

/// The index and what keeps it in step.
pub struct SearchState {
    index: Arc<SearchIndex>,
    /// Serialises catching up, and remembers change ids applied above the cursor.
    sync: tokio::sync::Mutex<HashSet<i64>>,
    /// The number of catch-ups started, and of the last one finished without error: a caller waiting for a
    /// catch-up is served by any that started after it asked (see `sync_search`).
    started: AtomicU64,
    finished: AtomicU64,
}

/// Every kind of row the index is built from.
pub fn search_sources() -> [&'static str; 9] {
    store::SEARCH_SOURCES
}

/// How far back each catch-up looks again: a change committed late by a concurrent transaction (PostgreSQL
/// hands out ids before commit) is still seen if it is within this many ids of the cursor.
const OVERLAP: i64 = 1000;

impl SearchState {
    /// An index in `dir`, or in memory.
    pub fn open(dir: Option<&std::path::Path>) -> Result<SearchState, search::SearchError> {
        let (index, _) = SearchIndex::open(dir, TermList::built_in())?;
        Ok(SearchState {
            index: Arc::new(index),
            sync: tokio::sync::Mutex::new(HashSet::new()),
            started: AtomicU64::new(0),
            finished: AtomicU64::new(0),
        })
    }

    /// The index.
    pub fn index(&self) -> &Arc<SearchIndex> {
        &self.index
    }
}

/// Runs an index operation on a blocking thread.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, search::SearchError> + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AppError::Task(format!("search task: {e}")))?
        .map_err(AppError::Search)
}

impl SearchState {
    /// Rebuilds the whole index from the database.
    pub async fn rebuild(&self, store: &Store) -> Result<usize, AppError> {
        let mut applied = self.sync.lock().await;
        self.rebuild_locked(store, &mut applied).await
    }

    async fn rebuild_locked(
        &self,
        store: &Store,
        applied: &mut HashSet<i64>,
    ) -> Result<usize, AppError> {
        let s = self;
        let cursor = store.last_search_change().await?;
        let mut docs = Vec::new();
        for source in search_sources() {
            docs.extend(store.search_docs(source, None).await?);
        }
        let n = docs.len();
        let index = s.index.clone();
        blocking(move || index.rebuild(&docs, cursor, &mut |_| {})).await?;
        applied.clear();
        Ok(n)
    }

    /// Applies every change logged since the index's cursor (rebuilding when the index is new or a label
    /// changed). Returns how many changes were applied.
    ///
    /// Catch-ups are grouped: one that starts after this call began sees every write committed before the call
    /// (the caller's own, when it is called after a write), so a caller that finds such a catch-up finished by
    /// the time it gets its turn returns at once. Many writers at the same moment then wait for one or two
    /// catch-ups, not one each.
    pub async fn sync(&self, store: &Store) -> Result<usize, AppError> {
        let s = self;
        let ticket = s.started.load(Ordering::SeqCst) + 1;
        let mut applied = s.sync.lock().await;
        if s.finished.load(Ordering::SeqCst) >= ticket {
            return Ok(0);
        }
        let generation = s.started.fetch_add(1, Ordering::SeqCst) + 1;
        let applied_now = self.catch_up(store, &mut applied).await?;
        s.finished.store(generation, Ordering::SeqCst);
        Ok(applied_now)
    }

    async fn catch_up(&self, store: &Store, applied: &mut HashSet<i64>) -> Result<usize, AppError> {
        let s = self;
        let Some(cursor) = s.index.cursor() else {
            return self.rebuild_locked(store, applied).await;
        };
        // Changes this index has not seen may have been purged from the log: start again from the database.
        if store
            .first_search_change()
            .await?
            .is_some_and(|first| first > cursor + 1)
        {
            return self.rebuild_locked(store, applied).await;
        }
        let mut from = cursor - OVERLAP;
        let mut total = 0;
        loop {
            let changes = store.search_changes_after(from, 5000).await?;
            let Some(last) = changes.last().map(|c| c.id) else {
                break;
            };
            let fresh: Vec<_> = changes
                .iter()
                .filter(|c| !applied.contains(&c.id))
                .collect();
            if fresh.iter().any(|c| c.source == "all") {
                return self.rebuild_locked(store, applied).await;
            }
            if !fresh.is_empty() {
                let mut changed: Vec<(String, i64)> = Vec::new();
                let mut by_source: HashMap<&str, Vec<i64>> = HashMap::new();
                for c in &fresh {
                    if !changed.contains(&(c.source.clone(), c.row_id)) {
                        changed.push((c.source.clone(), c.row_id));
                        by_source
                            .entry(c.source.as_str())
                            .or_default()
                            .push(c.row_id);
                    }
                }
                let mut docs = Vec::new();
                for (source, ids) in &by_source {
                    docs.extend(store.search_docs(source, Some(ids)).await?);
                }
                let new_cursor = last.max(s.index.cursor().unwrap_or(0));
                let index = s.index.clone();
                blocking(move || index.apply(&changed, &docs, new_cursor)).await?;
                total += fresh.len();
                for c in &fresh {
                    applied.insert(c.id);
                }
            }
            from = last;
            if changes.len() < 5000 {
                break;
            }
        }
        let floor = s.index.cursor().unwrap_or(0) - OVERLAP;
        applied.retain(|id| *id > floor);
        Ok(total)
    }
}
