//! The engine's cost: one assessment (complete, for a system and for a model, and from no
//! answers at all), its JSON, and the exhaustive walk of tests/walk.rs for one `as_of` day.
//!
//! `cargo bench --bench engine`

use ai_act_check::assess;
use ai_act_check::facts::Facts;
use criterion::{black_box, criterion_group, criterion_main, Criterion};

#[path = "../tests/walk.rs"]
mod walk;

fn scenario_facts(id: &str) -> Facts {
    let path = format!("{}/../shared/scenarios/{id}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    Facts::from_json(&json["facts"]).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn assessments(c: &mut Criterion) {
    let recruiting = scenario_facts("extraterritorial-recruiting");
    let gpai = scenario_facts("gpai-systemic-legacy-non-eu");
    let empty = Facts::default();
    assert!(assess(&recruiting).complete() && assess(&gpai).complete());

    c.bench_function("assess/extraterritorial-recruiting", |b| b.iter(|| assess(black_box(&recruiting))));
    c.bench_function("assess/gpai-systemic-legacy-non-eu", |b| b.iter(|| assess(black_box(&gpai))));
    c.bench_function("assess/empty", |b| b.iter(|| assess(black_box(&empty))));

    let a = assess(&recruiting);
    c.bench_function("to_json_string/extraterritorial-recruiting", |b| b.iter(|| black_box(&a).to_json_string()));
}

fn exhaustive_walk(c: &mut Criterion) {
    let as_of = walk::day("2026-11-22");
    let first = walk::walk_day(as_of);
    assert_eq!(first.failure_count, 0, "{:?}", first.failures);
    println!("walk as_of {as_of}: {} complete paths, {} distinct states", first.reach.paths, first.states);

    let mut group = c.benchmark_group("walk");
    group.sample_size(10).measurement_time(std::time::Duration::from_secs(8));
    group.bench_function("as_of 2026-11-22", |b| b.iter(|| walk::walk_day(black_box(as_of)).reach.paths));
    group.finish();
}

criterion_group!(benches, assessments, exhaustive_walk);
criterion_main!(benches);
