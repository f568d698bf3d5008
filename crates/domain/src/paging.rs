//! Paging of long lists.

/// A validated request for one page of a list: page numbers start at 1, pages hold 1 to 100 items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    page: u32,
    per_page: u32,
}

/// Why a page request was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PagingError {
    /// The page number was zero or beyond any sensible list.
    #[error("page must be a whole number from 1 to {max}")]
    Page {
        /// The largest accepted page number.
        max: u32,
    },
    /// The page size was outside 1..=100.
    #[error("per_page must be a whole number from 1 to {max}")]
    PerPage {
        /// The largest accepted page size.
        max: u32,
    },
}

impl PageRequest {
    /// The largest page size a client may ask for.
    pub const MAX_PER_PAGE: u32 = 100;
    /// The largest page number accepted (keeps offsets far from overflow).
    pub const MAX_PAGE: u32 = 1_000_000;
    /// The page size when none is asked for.
    pub const DEFAULT_PER_PAGE: u32 = 20;

    /// Builds a page request, refusing page 0, empty pages and pages over the limit.
    pub fn new(page: u32, per_page: u32) -> Result<Self, PagingError> {
        if page == 0 || page > Self::MAX_PAGE {
            return Err(PagingError::Page {
                max: Self::MAX_PAGE,
            });
        }
        if per_page == 0 || per_page > Self::MAX_PER_PAGE {
            return Err(PagingError::PerPage {
                max: Self::MAX_PER_PAGE,
            });
        }
        Ok(PageRequest { page, per_page })
    }

    /// The first page with the default size.
    pub fn first() -> Self {
        PageRequest {
            page: 1,
            per_page: Self::DEFAULT_PER_PAGE,
        }
    }

    /// The 1-based page number.
    pub fn page(self) -> u32 {
        self.page
    }

    /// Items per page.
    pub fn per_page(self) -> u32 {
        self.per_page
    }

    /// Items to skip before this page.
    pub fn offset(self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.per_page)
    }

    /// How many pages a list of `total` items has (at least one, so an empty list still has its page 1).
    pub fn page_count(self, total: u64) -> u32 {
        let pages = total.div_ceil(u64::from(self.per_page)).max(1);
        u32::try_from(pages).unwrap_or(u32::MAX)
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        Self::first()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn refuses_zero_and_oversized() {
        assert!(PageRequest::new(0, 10).is_err());
        assert!(PageRequest::new(1, 0).is_err());
        assert!(PageRequest::new(1, 101).is_err());
        assert!(PageRequest::new(1, 100).is_ok());
    }

    proptest! {
        #[test]
        fn pages_cover_every_item_exactly_once(total in 0u64..5000, per_page in 1u32..=100) {
            let first = PageRequest::new(1, per_page).expect("valid");
            let pages = first.page_count(total);
            let mut seen = 0u64;
            for p in 1..=pages {
                let req = PageRequest::new(p, per_page).expect("valid");
                let start = req.offset().min(total);
                let end = (req.offset() + u64::from(per_page)).min(total);
                prop_assert_eq!(start, seen);
                seen = end;
            }
            prop_assert_eq!(seen, total);
        }
    }
}
