//! Value added: how much progress pupils made compared with what was expected from where
//! they started (ANALYTICS.md §2–§3).
//!
//! - [`simple`]: expectations from prior-attainment groups of a reference population
//!   (Progress 8's method), with intervals, bands and suppression;
//! - [`contextual`]: the random-intercept mixed model fitted by REML, exactly as lme4.

pub mod contextual;
pub mod simple;

use crate::design::{Design, DesignLayout};
use crate::error::StatsError;
use crate::sufficient::SufficientStatistics;

pub use contextual::{ContextualFit, FixedEffect, LeastSquaresFit, SchoolEffect};

/// The sufficient statistics of a design: one parallel pass over its rows.
pub fn collect_statistics(design: &Design) -> SufficientStatistics {
    SufficientStatistics::collect(&design.x, &design.y, &design.group, design.ngroups())
}

/// Contextual value added for a design with a group (`(1 | school)`): REML fit.
pub fn fit_contextual(design: &Design) -> Result<ContextualFit, StatsError> {
    let group = design.group_name.as_deref().unwrap_or("group");
    contextual::fit(
        &collect_statistics(design),
        &design.column_names,
        &design.response_name,
        group,
    )
}

/// Contextual value added straight from a table's design layout: the pass over pupils
/// writes `[X y]` block by block as it goes, so X is never held in memory.
pub fn fit_contextual_layout(layout: &DesignLayout) -> Result<ContextualFit, StatsError> {
    let statistics = SufficientStatistics::collect_from(
        layout,
        layout.ngroups(),
        std::thread::available_parallelism().map_or(1, usize::from),
    );
    contextual::fit(
        &statistics,
        &layout.column_names,
        &layout.response_name,
        layout.group_name.as_deref().unwrap_or("group"),
    )
}

/// Least squares from a table's design layout (as [`fit_contextual_layout`]).
pub fn fit_least_squares_layout(layout: &DesignLayout) -> Result<LeastSquaresFit, StatsError> {
    let statistics = SufficientStatistics::collect_from(
        layout,
        layout.ngroups(),
        std::thread::available_parallelism().map_or(1, usize::from),
    );
    contextual::fit_least_squares(&statistics, &layout.column_names, &layout.response_name)
}

/// Least squares for a design (the model without a random intercept).
pub fn fit_least_squares(design: &Design) -> Result<LeastSquaresFit, StatsError> {
    contextual::fit_least_squares(
        &collect_statistics(design),
        &design.column_names,
        &design.response_name,
    )
}
