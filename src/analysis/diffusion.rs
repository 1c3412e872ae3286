//! Who planned an initiative first: each initiative's adopters in the order they planned
//! it, and its adoption curve over the years.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::evolution::time_key;
use crate::matching::{Alignment, Comparison, Id};
use crate::model::Plan;

/// A plan that took an initiative up, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Adopter {
    /// The plan's id.
    pub plan: Id,
    /// The year its period starts (else its year of issue), if it states one.
    pub year: Option<u16>,
}

/// How an initiative spread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Diffusion {
    /// The initiative's label.
    pub label: Id,
    /// Its concept, if it has one.
    pub concept: Option<Id>,
    /// The plans that carry it, in the order they planned it (year of the period's start,
    /// then date of issue).
    pub adopters: Vec<Adopter>,
    /// Cumulative adopters by year: `(year, plans that had adopted it by then)`.
    pub curve: Vec<(u16, usize)>,
}

impl Diffusion {
    /// The first adopter.
    pub fn first(&self) -> Option<&Adopter> {
        self.adopters.first()
    }
}

/// Each initiative of the alignment (shown or not), its adopters in order and its curve.
pub fn diffusion(comparison: &Comparison<'_>, alignment: &Alignment) -> Vec<Diffusion> {
    let plans: Vec<&Plan> = comparison.plans().to_vec();
    // Plans by id, once: an initiative's members name their plans.
    let by_id: HashMap<&str, &Plan> = plans.iter().map(|p| (p.id.as_str(), *p)).collect();
    alignment
        .initiatives
        .iter()
        .map(|initiative| {
            let mut adopting: Vec<&Plan> =
                initiative.members.iter().filter_map(|m| by_id.get(m.plan.as_str()).copied()).collect();
            adopting.sort_by_key(|p| (time_key(p), p.id.as_str()));
            adopting.dedup_by(|a, b| a.id == b.id);
            let adopters: Vec<Adopter> = adopting
                .iter()
                .map(|p| Adopter {
                    plan: Id::from(&p.id),
                    year: p.period.map(|period| period.start).or(p.issued.map(|d| d.year())),
                })
                .collect();
            let mut curve: Vec<(u16, usize)> = Vec::new();
            for (n, year) in adopters.iter().filter_map(|a| a.year).enumerate() {
                match curve.last_mut() {
                    Some((y, count)) if *y == year => *count = n + 1,
                    _ => curve.push((year, n + 1)),
                }
            }
            Diffusion { label: initiative.label.clone(), concept: initiative.concept.clone(), adopters, curve }
        })
        .collect()
}
