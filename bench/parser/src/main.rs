//! Parser throughput: Conch vs oxc and Boa on the same input, in the same run.
//!
//! `cargo run --release -- FILE.js [ITERATIONS]` (see `fetch.sh` for typescript.js). Reports
//! the median time per parse and MB/s for:
//! - conch: parse with every early error and scope analysis (Conch's only mode);
//! - oxc: plain parse (oxc_parser reports only some early errors while parsing);
//! - oxc+semantic: parse followed by oxc_semantic with syntax-error checks (the fair comparison);
//! - boa: boa_parser's parse_script (includes its scope analysis).
//!
//! `ONLY_CONCH=1` measures Conch alone (for profiling).

use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn measure(name: &str, bytes: usize, iters: usize, mut f: impl FnMut() -> bool) -> Duration {
    assert!(f(), "{name}: failed to parse the input");
    let mut times = Vec::with_capacity(iters);
    for _ in 0..iters {
        let t = Instant::now();
        let ok = f();
        times.push(t.elapsed());
        assert!(ok);
    }
    let m = median(times);
    let mbs = bytes as f64 / 1e6 / m.as_secs_f64();
    println!("{name:<14} {:>9.2} ms {mbs:>9.1} MB/s", m.as_secs_f64() * 1e3);
    m
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: conch-parser-bench FILE.js [ITERATIONS]");
    let iters: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(10);
    let src = std::fs::read_to_string(&path).expect("read input");
    println!("{path}: {:.2} MB, {iters} iterations, median", src.len() as f64 / 1e6);

    // One memory manager for all parses, as one runtime has: each parse gets a new arena, whose
    // chunks come from the manager's recycling pool after the first (warm-up) parse, as oxc's
    // allocator gets recycled memory from malloc.
    let mm = conch_mm::MemoryManager::new();
    let conch = measure("conch", src.len(), iters, || {
        let arena = conch_mm::Arena::new(mm.clone());
        conch_parser::parse_script(&src, &arena).is_ok()
    });

    {
        let arena = conch_mm::Arena::new(mm.clone());
        let _ = conch_parser::parse_script(&src, &arena);
        println!("conch arena: {:.1} MB", arena.allocated_bytes() as f64 / 1e6);
    }
    if std::env::var_os("ONLY_CONCH").is_some() {
        return;
    }
    let oxc = measure("oxc", src.len(), iters, || {
        let alloc = oxc_allocator::Allocator::default();
        let ret = oxc_parser::Parser::new(&alloc, &src, oxc_span::SourceType::cjs()).parse();
        ret.diagnostics.is_empty()
    });

    let oxc_sem = measure("oxc+semantic", src.len(), iters, || {
        let alloc = oxc_allocator::Allocator::default();
        let ret = oxc_parser::Parser::new(&alloc, &src, oxc_span::SourceType::cjs()).parse();
        let sem = oxc_semantic::SemanticBuilder::new()
            .with_check_syntax_error(true)
            .build(&ret.program);
        ret.diagnostics.is_empty() && sem.diagnostics.is_empty()
    });

    let boa = measure("boa", src.len(), iters.min(5), || {
        let mut interner = boa_interner::Interner::default();
        let scope = boa_ast::scope::Scope::new_global();
        boa_parser::Parser::new(boa_parser::Source::from_bytes(src.as_bytes()))
            .parse_script(&scope, &mut interner)
            .is_ok()
    });

    let r = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
    println!();
    println!("conch / oxc           = {:.2}x time", r(conch, oxc));
    println!("conch / oxc+semantic  = {:.2}x time", r(conch, oxc_sem));
    println!("conch / boa           = {:.2}x time", r(conch, boa));
}
