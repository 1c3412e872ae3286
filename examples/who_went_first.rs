//! Who planned an initiative first: for a few initiatives (or those named), the plans in
//! the order they took it up and the first adopter.
//!
//! ```text
//! cargo run --release --example who_went_first
//! cargo run --release --example who_went_first -- 城市大脑 数据中心
//! ```

use cityalign::{diffusion, Corpus, Matcher};

const DEFAULT: [&str; 6] = ["5G基站", "智慧社区", "一网通办", "城市大脑", "充电桩", "数字乡村"];

fn main() -> Result<(), cityalign::Error> {
    let asked: Vec<String> = std::env::args().skip(1).collect();
    let names: Vec<&str> = if asked.is_empty() { DEFAULT.to_vec() } else { asked.iter().map(String::as_str).collect() };
    let corpus = Corpus::bundled()?;
    let comparison = Matcher::new().compare(corpus.plans());
    let alignment = comparison.align();
    let all = diffusion(&comparison, &alignment);
    for name in names {
        let Some(d) = all.iter().find(|d| d.label.as_str() == name) else {
            println!("{name}: no initiative of that name");
            continue;
        };
        let order: Vec<String> = d
            .adopters
            .iter()
            .map(|a| format!("{} ({})", a.plan, a.year.map_or_else(|| "?".to_string(), |y| y.to_string())))
            .collect();
        let first = d.first().map_or("-", |a| a.plan.as_str());
        println!("{name}: first {first}; {}", order.join(" → "));
    }
    Ok(())
}
