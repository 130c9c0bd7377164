//! Reliability of scales (Cronbach's alpha), ANALYTICS.md §6–§7.
