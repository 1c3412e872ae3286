//! Bring your own vocabulary: domain words jieba should keep whole, aliases that name
//! the same initiative, and stop words, then compare with them.
//!
//! ```text
//! cargo run --release --example custom_dictionary
//! ```

use std::process::ExitCode;

use cityalign::{Matcher, Parser, Tokenizer};

const A: &str = "一、重点任务\n1.建设城运平台。年内完成城运平台一期上线。(牵头单位:市城市管理局)\n";
const B: &str =
    "一、重点任务\n1.完善城市运行管理服务平台。推动城市运行管理服务平台与省平台对接。(牵头单位:市城市管理局)\n";

fn main() -> ExitCode {
    let tokenizer = Tokenizer::builder()
        .word("城市运行管理服务平台")
        .alias("城市云脑", "城市大脑")
        .alias("城运平台", "城市运行管理服务平台")
        .stop_word("年内")
        .build();
    let text = "年内建成城市云脑和城运平台";
    let terms = tokenizer.terms(text);
    println!("terms of {text:?}: {terms:?}");

    let (Ok(a), Ok(b)) = (Parser::new().id("a").parse(A), Parser::new().id("b").parse(B)) else {
        eprintln!("error: the example plans do not parse");
        return ExitCode::FAILURE;
    };
    let custom = match Matcher::builder().tokenizer(tokenizer).build() {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    for (name, matcher) in [("default", Matcher::new()), ("custom", custom)] {
        let comparison = matcher.compare([&a, &b]);
        let score = comparison.similarity("a#01", "b#01").unwrap_or(0.0);
        println!("{name:>8} vocabulary: 城运平台 task vs 城市运行管理服务平台 task scores {score:.3}");
    }
    ExitCode::SUCCESS
}
