//! Progress: what the progress pages, the pupils falling behind and the 360 report's school
//! context need from the reference population.

pub mod reference;
