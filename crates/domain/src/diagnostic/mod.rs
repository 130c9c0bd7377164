//! The leadership diagnostic (360): instrument, scoring rules, anonymity, focus suggestions.
