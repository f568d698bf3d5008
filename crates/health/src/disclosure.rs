//! Disclosure control: the one door out.
//!
//! The engine counts exactly, and no exact count ever leaves it. Every number a researcher sees passes this
//! module, which applies three safeguards:
//!
//! - **A threshold.** A count below the policy's threshold (10 unless set, never below [`MIN_THRESHOLD`]) is
//!   shown as "fewer than 10", never as a number.
//! - **Noise.** Every released count carries noise from a discrete Laplace mechanism, sampled with exact integer
//!   arithmetic and calibrated by a privacy-loss amount, [`Epsilon`]. Each researcher holds a [`Budget`]; each
//!   question has a [`question_cost`]; a question that costs more than is left is refused.
//! - **Repeatable answers.** The noise is drawn from a server secret and the question's canonical form, never
//!   from the count. The same question asked again gets the same answer, so repeating it teaches nothing new and
//!   costs nothing (the caller keeps a ledger by question key and charges a question only the first time).
//!
//! Breakdowns ([`release_breakdown`]) are released with consistent totals and with secondary suppression, so no
//! suppressed cell can be solved from the total and the other cells.

use std::cmp::Reverse;
use std::fmt;
use std::str::FromStr;

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The lowest threshold a [`Policy`] accepts: no count below 5 is ever shown.
pub const MIN_THRESHOLD: u64 = 5;

/// The threshold when nothing else is set: counts below 10 are shown as "fewer than 10".
pub const DEFAULT_THRESHOLD: u64 = 10;

/// The privacy cost of one released count when nothing else is set, in thousandths (0.1).
const DEFAULT_EPSILON_MILLI: u64 = 100;

/// The cell label of a question's total, shared by [`release_breakdown`] so every breakdown of a question shows
/// the same total.
const TOTAL_CELL: &str = "total";

/// The domain tag that separates the noise stream from any other use of the server secret.
const NOISE_TAG: &[u8] = b"samverkan/disclosure/noise/v1";

/// An exact count, as the engine computes it.
///
/// An exact count can be made, compared and handed to [`release`] or [`release_breakdown`], and nothing else:
/// it has no `Display`, no `Serialize` and no getter, and its `Debug` prints `Exact(<hidden>)`, so it cannot be
/// logged, serialized or shown by accident.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Exact(u64);

impl Exact {
    /// An exact count of `n` persons. Only the engine makes these.
    #[must_use]
    pub const fn new(n: u64) -> Self {
        Self(n)
    }

    /// The count itself, for tests that check the engine against an outside reference. Compiled only with the
    /// `test-hooks` feature, which only test builds turn on; the shipped binary has no way to read it.
    #[cfg(feature = "test-hooks")]
    #[must_use]
    pub const fn exact_for_tests(self) -> u64 {
        self.0
    }
}

impl fmt::Debug for Exact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Exact(<hidden>)")
    }
}

/// An amount of privacy loss (ε), kept exactly as a whole number of thousandths.
///
/// Used both for a researcher's budget and for what a question costs. Parsed from text such as "0.1", "1" or
/// "0.25" (at most three decimals, more than 0) and shown the same way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Epsilon {
    milli: u64,
}

impl Epsilon {
    /// No privacy loss at all: what a fresh budget has spent.
    pub const ZERO: Self = Self { milli: 0 };

    /// An amount of `milli` thousandths: `from_milli(100)` is 0.1.
    #[must_use]
    pub const fn from_milli(milli: u64) -> Self {
        Self { milli }
    }

    /// The amount in thousandths.
    #[must_use]
    pub const fn milli(self) -> u64 {
        self.milli
    }

    /// Whether the amount is zero.
    #[must_use]
    pub const fn is_zero(self) -> bool {
        self.milli == 0
    }

    /// The sum, or `None` when it does not fit.
    #[must_use]
    pub const fn checked_add(self, other: Self) -> Option<Self> {
        match self.milli.checked_add(other.milli) {
            Some(milli) => Some(Self { milli }),
            None => None,
        }
    }

    /// The difference, or `None` when `other` is larger.
    #[must_use]
    pub const fn checked_sub(self, other: Self) -> Option<Self> {
        match self.milli.checked_sub(other.milli) {
            Some(milli) => Some(Self { milli }),
            None => None,
        }
    }
}

impl fmt::Display for Epsilon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.milli / 1000;
        let frac = self.milli % 1000;
        if frac == 0 {
            write!(f, "{whole}")
        } else {
            let digits = format!("{frac:03}");
            write!(f, "{whole}.{}", digits.trim_end_matches('0'))
        }
    }
}

/// Why a text is not a privacy-loss amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EpsilonError {
    /// The text is not a plain decimal number.
    #[error("“{0}” is not a privacy-loss amount: write a number such as 0.1 or 1")]
    NotANumber(String),
    /// The text has more than three decimals.
    #[error("“{0}” has more than three decimals: privacy-loss amounts are kept in thousandths")]
    TooPrecise(String),
    /// The text is zero.
    #[error("a privacy-loss amount must be more than 0")]
    Zero,
    /// The text is too large to keep.
    #[error("“{0}” is too large a privacy-loss amount")]
    TooLarge(String),
}

impl FromStr for Epsilon {
    type Err = EpsilonError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let trimmed = text.trim();
        let (whole, frac) = match trimmed.split_once('.') {
            Some((whole, frac)) => (whole, Some(frac)),
            None => (trimmed, None),
        };
        let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || frac.is_some_and(|frac| !digits(frac)) {
            return Err(EpsilonError::NotANumber(text.to_owned()));
        }
        let frac = frac.unwrap_or("");
        if frac.len() > 3 {
            return Err(EpsilonError::TooPrecise(text.to_owned()));
        }
        let too_large = || EpsilonError::TooLarge(text.to_owned());
        let whole: u64 = whole.parse().map_err(|_| too_large())?;
        let frac: u64 = format!("{frac:0<3}").parse().map_err(|_| too_large())?;
        let milli = whole
            .checked_mul(1000)
            .and_then(|milli| milli.checked_add(frac))
            .ok_or_else(too_large)?;
        if milli == 0 {
            return Err(EpsilonError::Zero);
        }
        Ok(Self { milli })
    }
}

/// The rules every released count follows: the threshold below which a count is suppressed, and the privacy
/// cost (the noise's ε) of each released count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    threshold: u64,
    epsilon_per_count: Epsilon,
}

/// Why a policy is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    /// The threshold is below [`MIN_THRESHOLD`].
    #[error("the threshold {given} is below the lowest allowed, {min}", min = MIN_THRESHOLD)]
    ThresholdTooLow {
        /// The threshold asked for.
        given: u64,
    },
    /// The privacy cost per count is zero, which would mean no noise at all.
    #[error("the privacy cost per released count must be more than 0")]
    ZeroEpsilon,
}

impl Policy {
    /// A policy with the given threshold and privacy cost per released count. Refuses a threshold below
    /// [`MIN_THRESHOLD`] and a cost of zero.
    pub fn new(threshold: u64, epsilon_per_count: Epsilon) -> Result<Self, PolicyError> {
        if threshold < MIN_THRESHOLD {
            return Err(PolicyError::ThresholdTooLow { given: threshold });
        }
        if epsilon_per_count.is_zero() {
            return Err(PolicyError::ZeroEpsilon);
        }
        Ok(Self {
            threshold,
            epsilon_per_count,
        })
    }

    /// Counts below this are shown as "fewer than" it.
    #[must_use]
    pub const fn threshold(&self) -> u64 {
        self.threshold
    }

    /// The privacy cost of one released count, and the ε of its noise.
    #[must_use]
    pub const fn epsilon_per_count(&self) -> Epsilon {
        self.epsilon_per_count
    }
}

impl Default for Policy {
    /// Threshold 10, ε 0.1 per released count.
    fn default() -> Self {
        Self {
            threshold: DEFAULT_THRESHOLD,
            epsilon_per_count: Epsilon::from_milli(DEFAULT_EPSILON_MILLI),
        }
    }
}

/// A count as it leaves the engine: suppressed, or noisy.
///
/// Serialized as `{"fewer_than":10}` or `{"count":1234}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Released {
    /// Suppressed: shown as "fewer than" the policy's threshold, which it always carries.
    #[serde(rename = "fewer_than")]
    FewerThan(u64),
    /// A noisy count, at least the policy's threshold.
    #[serde(rename = "count")]
    About(u64),
}

impl Released {
    /// Whether the count is suppressed.
    #[must_use]
    pub const fn is_suppressed(self) -> bool {
        matches!(self, Self::FewerThan(_))
    }

    /// The noisy count, or `None` when it is suppressed.
    #[must_use]
    pub const fn shown(self) -> Option<u64> {
        match self {
            Self::About(n) => Some(n),
            Self::FewerThan(_) => None,
        }
    }
}

/// Releases one count.
///
/// The noisy count is the exact count plus discrete Laplace noise with scale 1/ε (ε the policy's
/// [`Policy::epsilon_per_count`]), floored at 0. The noise comes from `secret`, `question` (the question's
/// canonical form) and `cell` only, never from the count: the same question and cell always get the same
/// answer.
///
/// The count is suppressed when the exact count **or** the noisy count is below the threshold. The exact rule is
/// the threshold as statistics agencies apply it: a group of fewer than 10 persons is never shown, whatever the
/// noise. The noisy rule makes the decision itself noisy as well, so where suppression starts does not mark
/// the exact count.
///
/// Releasing costs nothing here; the caller charges the researcher's [`Budget`] with [`question_cost`].
#[must_use]
pub fn release(
    policy: &Policy,
    secret: &[u8],
    question: &[u8],
    cell: &str,
    exact: Exact,
) -> Released {
    let noisy = noisy_count(policy, secret, question, cell, exact);
    if below_threshold(policy, exact.0, noisy) {
        Released::FewerThan(policy.threshold)
    } else {
        Released::About(noisy)
    }
}

/// A released breakdown: the question's total and one released count per cell, in the order given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    /// The question's total, the same in every breakdown of the question.
    pub total: Released,
    /// Each cell's label and released count.
    pub cells: Vec<(String, Released)>,
}

/// Releases a breakdown of a question's total into cells (say, by sex or by age band).
///
/// The cells are disjoint groups of persons that together make up the total (an "unknown" cell where needed).
///
/// - The total is released as by [`release`] with the cell label "total", so every breakdown of the same
///   question shows the same total.
/// - Each cell gets its own noise (cell label `name/label`), and the noisy cells are then adjusted to sum exactly
///   to the noisy total: the total is apportioned in proportion to the noisy cells, largest remainder first,
///   never below 0. The adjustment uses released values only, so it costs no privacy.
/// - A cell whose exact or adjusted count is below the threshold is suppressed. When exactly one cell of two or
///   more is suppressed, the smallest other cell is suppressed too (secondary suppression). When the total is
///   suppressed, every cell is.
///
/// So the shown cells plus the suppressed ones always sum to the shown total, and a suppressed cell can never be
/// solved from the total and the other cells: either at least two cells share what the shown ones leave, or the
/// breakdown has a single cell, which is the total itself.
#[must_use]
pub fn release_breakdown(
    policy: &Policy,
    secret: &[u8],
    question: &[u8],
    name: &str,
    total: Exact,
    cells: &[(String, Exact)],
) -> Breakdown {
    let plan = plan_breakdown(policy, secret, question, name, total, cells);
    let suppressed = Released::FewerThan(policy.threshold);
    let released_total = plan.total.map_or(suppressed, Released::About);
    let released_cells = cells
        .iter()
        .enumerate()
        .map(|(i, (label, _))| {
            let released = match (plan.suppressed[i], plan.adjusted.get(i)) {
                (false, Some(&n)) => Released::About(n),
                _ => suppressed,
            };
            (label.clone(), released)
        })
        .collect();
    Breakdown {
        total: released_total,
        cells: released_cells,
    }
}

/// What a breakdown will show, before it becomes [`Released`] values.
struct Plan {
    /// The noisy total, or `None` when it is suppressed.
    total: Option<u64>,
    /// The adjusted cells, summing to the noisy total (empty when the total is suppressed).
    adjusted: Vec<u64>,
    /// Which cells are suppressed.
    suppressed: Vec<bool>,
}

fn plan_breakdown(
    policy: &Policy,
    secret: &[u8],
    question: &[u8],
    name: &str,
    total: Exact,
    cells: &[(String, Exact)],
) -> Plan {
    let noisy_total = noisy_count(policy, secret, question, TOTAL_CELL, total);
    if below_threshold(policy, total.0, noisy_total) {
        return Plan {
            total: None,
            adjusted: Vec::new(),
            suppressed: vec![true; cells.len()],
        };
    }
    let noisy: Vec<u64> = cells
        .iter()
        .map(|(label, exact)| {
            noisy_count(policy, secret, question, &format!("{name}/{label}"), *exact)
        })
        .collect();
    let adjusted = apportion(&noisy, noisy_total);
    let mut suppressed: Vec<bool> = cells
        .iter()
        .zip(&adjusted)
        .map(|((_, exact), &shown)| below_threshold(policy, exact.0, shown))
        .collect();
    if cells.len() >= 2
        && suppressed.iter().filter(|&&s| s).count() == 1
        && let Some(smallest) = (0..cells.len())
            .filter(|&i| !suppressed[i])
            .min_by_key(|&i| (adjusted[i], i))
    {
        suppressed[smallest] = true;
    }
    Plan {
        total: Some(noisy_total),
        adjusted,
        suppressed,
    }
}

/// Apportions `total` in proportion to `weights` (equally when they are all zero) by the largest-remainder
/// method: whole shares first, then one more to the largest remainders, earlier cells first on ties. The shares
/// are never negative and sum exactly to `total`; weights that already sum to `total` are returned unchanged.
fn apportion(weights: &[u64], total: u64) -> Vec<u64> {
    if weights.is_empty() {
        return Vec::new();
    }
    let sum: u128 = weights.iter().map(|&w| u128::from(w)).sum();
    let (weights, sum): (Vec<u128>, u128) = if sum == 0 {
        (vec![1; weights.len()], weights.len() as u128)
    } else {
        (weights.iter().map(|&w| u128::from(w)).collect(), sum)
    };
    let total_wide = u128::from(total);
    let mut shares: Vec<u64> = Vec::with_capacity(weights.len());
    let mut remainders: Vec<(Reverse<u128>, usize)> = Vec::with_capacity(weights.len());
    for (i, &w) in weights.iter().enumerate() {
        let product = w * total_wide;
        // Each share is at most `total`, so it fits.
        shares.push(u64::try_from(product / sum).unwrap_or(total));
        remainders.push((Reverse(product % sum), i));
    }
    let given: u64 = shares.iter().sum();
    remainders.sort_unstable();
    let left = usize::try_from(total.saturating_sub(given)).unwrap_or(usize::MAX);
    for &(_, i) in remainders.iter().take(left) {
        shares[i] += 1;
    }
    shares
}

/// Whether a count is suppressed: its exact or its shown value is below the threshold.
fn below_threshold(policy: &Policy, exact: u64, shown: u64) -> bool {
    exact < policy.threshold || shown < policy.threshold
}

/// The exact count plus the cell's noise, floored at 0.
fn noisy_count(policy: &Policy, secret: &[u8], question: &[u8], cell: &str, exact: Exact) -> u64 {
    let noise = noise(policy.epsilon_per_count, secret, question, cell);
    if noise >= 0 {
        exact.0.saturating_add(noise.unsigned_abs())
    } else {
        exact.0.saturating_sub(noise.unsigned_abs())
    }
}

/// The noise for one cell of one question: a discrete Laplace draw with scale 1/ε from the cell's own stream.
fn noise(epsilon: Epsilon, secret: &[u8], question: &[u8], cell: &str) -> i64 {
    // Scale 1/ε = 1000/milli = t/s, reduced.
    let milli = epsilon.milli.max(1);
    let common = gcd(1000, milli);
    NoiseStream::new(secret, question, cell).discrete_laplace(milli / common, 1000 / common)
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

type HmacSha256 = Hmac<Sha256>;

/// SHA-256's block size, the size of an HMAC-SHA256 key.
const SHA256_BLOCK: usize = 64;

/// HMAC-SHA256 keyed by `secret`, with the key prepared as RFC 2104 does (hashed when longer than a block,
/// padded with zeros to a block), which makes the keying infallible.
fn keyed_mac(secret: &[u8]) -> HmacSha256 {
    let mut key = [0u8; SHA256_BLOCK];
    if secret.len() > SHA256_BLOCK {
        let digest = Sha256::digest(secret);
        key[..digest.len()].copy_from_slice(&digest);
    } else {
        key[..secret.len()].copy_from_slice(secret);
    }
    <HmacSha256 as Mac>::new(&key.into())
}

/// A deterministic stream of random bits for one cell of one question: HMAC-SHA256 keyed by the server secret
/// over the domain tag, the question key and the cell label (each prefixed by its length), then a block counter,
/// in counter mode. Same secret, question and cell: same bits. The count never enters.
struct NoiseStream {
    mac: HmacSha256,
    block: [u8; 32],
    used: usize,
    counter: u64,
}

impl NoiseStream {
    fn new(secret: &[u8], question: &[u8], cell: &str) -> Self {
        let mut mac = keyed_mac(secret);
        for part in [NOISE_TAG, question, cell.as_bytes()] {
            mac.update(&(part.len() as u64).to_be_bytes());
            mac.update(part);
        }
        Self {
            mac,
            block: [0; 32],
            used: 256,
            counter: 0,
        }
    }

    fn bit(&mut self) -> bool {
        if self.used == 256 {
            let mut mac = self.mac.clone();
            mac.update(&self.counter.to_be_bytes());
            self.block.copy_from_slice(&mac.finalize().into_bytes());
            self.counter = self.counter.wrapping_add(1);
            self.used = 0;
        }
        let i = self.used;
        self.used += 1;
        (self.block[i / 8] >> (7 - i % 8)) & 1 == 1
    }

    /// A uniform integer in `[0, n)`, `n ≥ 1`, by rejection: draw just enough bits to cover `n - 1` and draw
    /// again when the result is `n` or more, so there is no modulo bias.
    fn below(&mut self, n: u64) -> u64 {
        if n <= 1 {
            return 0;
        }
        let bits = u64::BITS - (n - 1).leading_zeros();
        loop {
            let x = (0..bits).fold(0u64, |acc, _| (acc << 1) | u64::from(self.bit()));
            if x < n {
                return x;
            }
        }
    }

    /// Bernoulli(`num`/`den`), `num ≤ den`, `den ≥ 1`.
    fn bernoulli(&mut self, num: u64, den: u64) -> bool {
        self.below(den) < num
    }

    /// Bernoulli(exp(−γ)) for γ = `num`/`den` ≥ 0 — Algorithm 1 of Canonne, Kamath and Steinke, using only
    /// Bernoulli draws with rational probabilities.
    fn bernoulli_exp(&mut self, num: u64, den: u64) -> bool {
        if num > den {
            // exp(−γ) = exp(−1)^⌊γ⌋ · exp(−(γ − ⌊γ⌋)).
            for _ in 0..num / den {
                if !self.bernoulli_exp(1, 1) {
                    return false;
                }
            }
            return self.bernoulli_exp(num % den, den);
        }
        // γ ∈ [0, 1]: K ← 1; while Bernoulli(γ/K) succeeds, K ← K + 1; succeed when K is odd.
        let mut k: u64 = 1;
        // Reaching a K where den·K overflows has probability below 1/K!, far beyond anything reachable; there
        // γ/K < 2⁻⁵⁰ and the draw counts as failed.
        while let Some(scaled) = den.checked_mul(k)
            && self.bernoulli(num, scaled)
        {
            k += 1;
        }
        k % 2 == 1
    }

    /// A discrete Laplace draw with scale `t`/`s` (so P(x) ∝ exp(−|x|·s/t)), `s, t ≥ 1` — Algorithm 2 of Canonne,
    /// Kamath and Steinke, "The Discrete Gaussian for Differential Privacy" (NeurIPS 2020, arXiv:2004.00010).
    /// Integer arithmetic only: no floating point enters the sampling.
    fn discrete_laplace(&mut self, s: u64, t: u64) -> i64 {
        loop {
            let u = self.below(t);
            if !self.bernoulli_exp(u, t) {
                continue;
            }
            let mut v: u64 = 0;
            while self.bernoulli_exp(1, 1) {
                v = v.saturating_add(1);
            }
            let y = t.saturating_mul(v).saturating_add(u) / s;
            let negative = self.bit();
            if negative && y == 0 {
                continue;
            }
            let y = i64::try_from(y).unwrap_or(i64::MAX);
            return if negative { -y } else { y };
        }
    }
}

/// The privacy cost of a question: ε per released count × (1 + `breakdowns`).
///
/// The total is one release. A breakdown's cells are disjoint groups of persons, so each person is in one cell
/// only and the whole breakdown costs one ε (parallel composition). A repeated question costs nothing, since
/// its answer is the same: the caller looks the question key up in its ledger and charges only a new question.
#[must_use]
pub fn question_cost(policy: &Policy, breakdowns: usize) -> Epsilon {
    let releases = u64::try_from(breakdowns)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    Epsilon::from_milli(policy.epsilon_per_count.milli.saturating_mul(releases))
}

/// A researcher's privacy budget: what was granted and what is spent. What is spent never exceeds what was
/// granted, so what is left never goes below zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    granted: Epsilon,
    spent: Epsilon,
}

/// Why a question is refused, or a stored budget does not hold together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BudgetError {
    /// Nothing of the budget is left.
    #[error("the privacy budget is spent: the question costs {cost} and nothing is left")]
    Spent {
        /// What the question costs.
        cost: Epsilon,
    },
    /// The question costs more than what is left.
    #[error("the question costs {cost} but {left} of the privacy budget is left")]
    Exceeds {
        /// What the question costs.
        cost: Epsilon,
        /// What is left of the budget.
        left: Epsilon,
    },
    /// A stored budget has spent more than it was granted.
    #[error("the ledger shows {spent} spent of a budget of {granted}")]
    Overspent {
        /// What was granted.
        granted: Epsilon,
        /// What the ledger shows as spent.
        spent: Epsilon,
    },
}

impl Budget {
    /// A fresh budget of `granted`, nothing spent.
    #[must_use]
    pub const fn new(granted: Epsilon) -> Self {
        Self {
            granted,
            spent: Epsilon::ZERO,
        }
    }

    /// A budget as stored: refused when more is spent than was granted.
    pub fn from_parts(granted: Epsilon, spent: Epsilon) -> Result<Self, BudgetError> {
        if spent > granted {
            return Err(BudgetError::Overspent { granted, spent });
        }
        Ok(Self { granted, spent })
    }

    /// What was granted.
    #[must_use]
    pub const fn granted(&self) -> Epsilon {
        self.granted
    }

    /// What is spent.
    #[must_use]
    pub const fn spent(&self) -> Epsilon {
        self.spent
    }

    /// What is left: granted less spent, never below zero.
    #[must_use]
    pub fn left(&self) -> Epsilon {
        self.granted
            .checked_sub(self.spent)
            .unwrap_or(Epsilon::ZERO)
    }

    /// The budget after a question costing `cost`, or a refusal when the cost exceeds what is left. The budget
    /// itself is not changed; the caller stores the new one with the released answer.
    pub fn charge(&self, cost: Epsilon) -> Result<Self, BudgetError> {
        let left = self.left();
        if cost > left {
            return Err(if left.is_zero() {
                BudgetError::Spent { cost }
            } else {
                BudgetError::Exceeds { cost, left }
            });
        }
        let spent = self
            .spent
            .checked_add(cost)
            .ok_or(BudgetError::Exceeds { cost, left })?;
        Ok(Self {
            granted: self.granted,
            spent,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SECRET: &[u8] = b"a server secret of the test suite, 32+ bytes long";

    fn eps(milli: u64) -> Epsilon {
        Epsilon::from_milli(milli)
    }

    fn policy(threshold: u64, milli: u64) -> Policy {
        Policy::new(threshold, eps(milli)).expect("a valid policy")
    }

    #[test]
    fn an_exact_count_does_not_show_itself() {
        let shown = format!("{:?}", Exact::new(1234));
        assert_eq!(shown, "Exact(<hidden>)");
        assert!(!shown.contains("1234"));
    }

    #[test]
    fn epsilon_parses_and_shows_thousandths() {
        for (text, milli) in [
            ("0.1", 100),
            ("1", 1000),
            ("2.5", 2500),
            ("0.001", 1),
            ("0.25", 250),
        ] {
            let parsed: Epsilon = text.parse().expect("a valid amount");
            assert_eq!(parsed.milli(), milli, "{text}");
            assert_eq!(parsed.to_string(), text);
        }
        assert_eq!("0".parse::<Epsilon>(), Err(EpsilonError::Zero));
        assert_eq!("0.000".parse::<Epsilon>(), Err(EpsilonError::Zero));
        assert!(matches!(
            "0.0001".parse::<Epsilon>(),
            Err(EpsilonError::TooPrecise(_))
        ));
        for bad in ["-1", "abc", "1e3", "", ".5", "1.", "1.2.3", "+1"] {
            assert!(
                matches!(bad.parse::<Epsilon>(), Err(EpsilonError::NotANumber(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            "99999999999999999999".parse::<Epsilon>(),
            Err(EpsilonError::TooLarge(_))
        ));
        assert_eq!(Epsilon::ZERO.to_string(), "0");
    }

    #[test]
    fn a_policy_refuses_a_low_threshold_and_no_noise() {
        let default = Policy::default();
        assert_eq!(default.threshold(), DEFAULT_THRESHOLD);
        assert_eq!(default.epsilon_per_count().to_string(), "0.1");
        assert_eq!(
            Policy::new(4, eps(100)),
            Err(PolicyError::ThresholdTooLow { given: 4 })
        );
        assert_eq!(
            Policy::new(10, Epsilon::ZERO),
            Err(PolicyError::ZeroEpsilon)
        );
        assert!(Policy::new(MIN_THRESHOLD, eps(1)).is_ok());
    }

    #[test]
    fn released_counts_serialize_plainly() {
        let json = |r: Released| serde_json::to_string(&r).expect("serializes");
        assert_eq!(json(Released::FewerThan(10)), r#"{"fewer_than":10}"#);
        assert_eq!(json(Released::About(1234)), r#"{"count":1234}"#);
        let back: Released = serde_json::from_str(r#"{"count":1234}"#).expect("deserializes");
        assert_eq!(back, Released::About(1234));
        assert!(Released::FewerThan(10).is_suppressed());
        assert_eq!(Released::About(12).shown(), Some(12));
    }

    #[test]
    fn the_noise_stream_is_hmac_sha256_keyed_by_the_secret() {
        for secret in [&b""[..], b"short", &[7u8; 64], &[9u8; 100]] {
            let mut ours = keyed_mac(secret);
            let mut reference = HmacSha256::new_from_slice(secret).expect("any key length");
            ours.update(b"message");
            reference.update(b"message");
            assert_eq!(
                ours.finalize().into_bytes(),
                reference.finalize().into_bytes()
            );
        }
    }

    #[test]
    fn the_noise_stream_is_pinned() {
        // Changing the stream changes every answer already given; this pins it.
        let draws: Vec<i64> = (0..8)
            .map(|i| noise(eps(100), SECRET, b"pinned", &format!("cell/{i}")))
            .collect();
        assert_eq!(draws, [15, -14, 12, -12, -44, -3, -14, 18]);
    }

    #[test]
    fn question_cost_counts_the_total_and_each_breakdown_once() {
        let policy = Policy::default();
        assert_eq!(question_cost(&policy, 0).to_string(), "0.1");
        assert_eq!(question_cost(&policy, 2).to_string(), "0.3");
    }

    #[test]
    fn a_refusal_says_what_the_question_costs_and_what_is_left() {
        let budget = Budget::from_parts(eps(1000), eps(800)).expect("a valid budget");
        let refused = budget.charge(eps(300)).expect_err("too costly");
        assert_eq!(
            refused.to_string(),
            "the question costs 0.3 but 0.2 of the privacy budget is left"
        );
        let spent = budget.charge(eps(200)).expect("fits exactly");
        assert_eq!(spent.left(), Epsilon::ZERO);
        assert_eq!(
            spent
                .charge(eps(100))
                .expect_err("nothing left")
                .to_string(),
            "the privacy budget is spent: the question costs 0.1 and nothing is left"
        );
        assert!(Budget::from_parts(eps(100), eps(200)).is_err());
    }

    #[test]
    fn the_sampler_is_a_discrete_laplace() {
        // Deterministic for the fixed secret, so it cannot flake.
        let check = |milli: u64, samples: u32| {
            let draws: Vec<i64> = (0..samples)
                .map(|i| noise(eps(milli), SECRET, b"sampler", &format!("cell/{i}")))
                .collect();
            let n = f64::from(samples);
            let mean = draws.iter().map(|&x| x as f64).sum::<f64>() / n;
            let variance = draws
                .iter()
                .map(|&x| (x as f64 - mean).powi(2))
                .sum::<f64>()
                / n;
            let zeros = draws.iter().filter(|&&x| x == 0).count() as f64 / n;
            let q = (-(milli as f64) / 1000.0).exp();
            let expected_zeros = (1.0 - q) / (1.0 + q);
            let expected_variance = 2.0 * q / (1.0 - q).powi(2);
            (mean, variance, zeros, expected_zeros, expected_variance)
        };
        let (mean, variance, zeros, expected_zeros, expected_variance) = check(1000, 20_000);
        assert!(mean.abs() < 0.1, "mean {mean}");
        assert!(
            (zeros - expected_zeros).abs() < 0.03,
            "zeros {zeros}, expected {expected_zeros}"
        );
        assert!(
            (variance / expected_variance - 1.0).abs() < 0.15,
            "variance {variance}"
        );
        let (mean, variance, zeros, expected_zeros, expected_variance) = check(100, 10_000);
        assert!(mean.abs() < 1.0, "mean {mean}");
        assert!(
            (zeros - expected_zeros).abs() < 0.02,
            "zeros {zeros}, expected {expected_zeros}"
        );
        assert!(
            (variance / expected_variance - 1.0).abs() < 0.15,
            "variance {variance}"
        );
    }

    fn bytes() -> impl Strategy<Value = Vec<u8>> {
        prop::collection::vec(any::<u8>(), 0..48)
    }

    fn any_count() -> impl Strategy<Value = u64> {
        prop_oneof![0u64..40, 0u64..100_000, any::<u64>()]
    }

    proptest! {
        #[test]
        fn no_released_count_is_below_the_threshold(
            exact in any_count(),
            secret in bytes(),
            question in bytes(),
            cell in "[a-z/]{0,12}",
            threshold in MIN_THRESHOLD..50,
            milli in 1u64..5000,
        ) {
            let policy = policy(threshold, milli);
            match release(&policy, &secret, &question, &cell, Exact::new(exact)) {
                Released::About(n) => {
                    prop_assert!(n >= threshold);
                    prop_assert!(exact >= threshold);
                }
                Released::FewerThan(t) => prop_assert_eq!(t, threshold),
            }
        }

        #[test]
        fn the_same_question_gets_the_same_answer(
            exact in any_count(),
            secret in bytes(),
            question in bytes(),
            cell in "[a-z/]{0,12}",
        ) {
            let policy = Policy::default();
            let first = release(&policy, &secret, &question, &cell, Exact::new(exact));
            let again = release(&policy, &secret, &question, &cell, Exact::new(exact));
            prop_assert_eq!(first, again);
        }

        #[test]
        fn the_noise_does_not_depend_on_the_count(
            a in 10_000u64..10_000_000,
            b in 10_000u64..10_000_000,
            secret in bytes(),
            question in bytes(),
            cell in "[a-z/]{0,12}",
            milli in 50u64..5000,
        ) {
            let policy = policy(DEFAULT_THRESHOLD, milli);
            let released = |n: u64| release(&policy, &secret, &question, &cell, Exact::new(n));
            if let (Released::About(ra), Released::About(rb)) = (released(a), released(b)) {
                prop_assert_eq!(i128::from(ra) - i128::from(a), i128::from(rb) - i128::from(b));
            }
        }

        #[test]
        fn a_breakdown_adds_up_and_hides_its_suppressed_cells(
            counts in prop::collection::vec(0u64..80, 0..8),
            unknown in 0u64..20,
            secret in bytes(),
            question in bytes(),
            threshold in MIN_THRESHOLD..20,
            milli in 100u64..3000,
        ) {
            let policy = policy(threshold, milli);
            let cells: Vec<(String, Exact)> =
                counts.iter().enumerate().map(|(i, &n)| (format!("c{i}"), Exact::new(n))).collect();
            let total = Exact::new(counts.iter().sum::<u64>() + unknown);
            let breakdown = release_breakdown(&policy, &secret, &question, "group", total, &cells);
            prop_assert_eq!(breakdown.total, release(&policy, &secret, &question, "total", total));
            prop_assert_eq!(&breakdown, &release_breakdown(&policy, &secret, &question, "group", total, &cells));
            prop_assert_eq!(breakdown.cells.len(), cells.len());
            let plan = plan_breakdown(&policy, &secret, &question, "group", total, &cells);
            match breakdown.total {
                Released::FewerThan(_) => {
                    prop_assert!(breakdown.cells.iter().all(|(_, r)| r.is_suppressed()));
                }
                Released::About(shown_total) => {
                    prop_assert_eq!(plan.total, Some(shown_total));
                    if !cells.is_empty() {
                        prop_assert_eq!(plan.adjusted.iter().sum::<u64>(), shown_total);
                    }
                    let mut shown_sum = 0;
                    let mut hidden_sum = 0;
                    for (i, (_, released)) in breakdown.cells.iter().enumerate() {
                        match *released {
                            Released::About(n) => {
                                prop_assert!(n >= threshold);
                                prop_assert_eq!(n, plan.adjusted[i]);
                                shown_sum += n;
                            }
                            Released::FewerThan(t) => {
                                prop_assert_eq!(t, threshold);
                                hidden_sum += plan.adjusted[i];
                            }
                        }
                    }
                    if !cells.is_empty() {
                        prop_assert_eq!(shown_sum + hidden_sum, shown_total);
                    }
                    let hidden = breakdown.cells.iter().filter(|(_, r)| r.is_suppressed()).count();
                    if cells.len() >= 2 {
                        prop_assert_ne!(hidden, 1);
                    }
                }
            }
        }

        #[test]
        fn apportioning_keeps_the_total_and_never_goes_negative(
            weights in prop::collection::vec(0u64..1_000_000, 1..10),
            total in 0u64..10_000_000,
        ) {
            let shares = apportion(&weights, total);
            prop_assert_eq!(shares.iter().sum::<u64>(), total);
            let sum: u64 = weights.iter().sum();
            if sum == total {
                prop_assert_eq!(shares, weights);
            }
        }

        #[test]
        fn a_budget_never_goes_below_zero(
            granted in 0u64..10_000,
            costs in prop::collection::vec(0u64..3000, 0..20),
        ) {
            let mut budget = Budget::new(eps(granted));
            for cost in costs {
                let before = budget;
                match budget.charge(eps(cost)) {
                    Ok(next) => {
                        prop_assert_eq!(next.spent().milli(), before.spent().milli() + cost);
                        budget = next;
                    }
                    Err(_) => {
                        prop_assert!(cost > before.left().milli());
                        prop_assert_eq!(budget, before);
                    }
                }
                prop_assert!(budget.spent() <= budget.granted());
                prop_assert_eq!(budget.spent().milli() + budget.left().milli(), granted);
            }
        }
    }
}
