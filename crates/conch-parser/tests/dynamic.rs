//! Direct eval contexts and the Function constructors' parsing.
#![allow(
    clippy::disallowed_types,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)]

use conch_mm::{Arena, MemoryManager};
use conch_parser::{parse_dynamic_function, parse_eval, DynamicFunctionKind, EvalContext};

fn eval_ok(src: &str, c: EvalContext<'_>) -> bool {
    let arena = Arena::new(MemoryManager::new());
    parse_eval(src, &arena, c).is_ok()
}

#[test]
fn eval_inherits_what_the_caller_allows() {
    let none = EvalContext::default();
    assert!(!eval_ok("new.target", none));
    assert!(eval_ok(
        "new.target",
        EvalContext {
            new_target: true,
            ..none
        }
    ));
    assert!(!eval_ok("super.x", none));
    assert!(eval_ok(
        "super.x",
        EvalContext {
            super_property: true,
            ..none
        }
    ));
    assert!(!eval_ok(
        "super()",
        EvalContext {
            super_property: true,
            ..none
        }
    ));
    assert!(eval_ok(
        "super()",
        EvalContext {
            super_call: true,
            ..none
        }
    ));
    assert!(eval_ok("arguments", none));
    assert!(!eval_ok(
        "arguments",
        EvalContext {
            class_field_initializer: true,
            ..none
        }
    ));
    assert!(eval_ok("() => arguments", none));
    assert!(eval_ok("with (a) b", none));
    assert!(!eval_ok(
        "with (a) b",
        EvalContext {
            strict: true,
            ..none
        }
    ));
    assert!(!eval_ok(
        "return 1",
        EvalContext {
            new_target: true,
            ..none
        }
    ));
}

#[test]
fn eval_sees_the_private_names_of_enclosing_classes() {
    let c = EvalContext {
        private_names: &["x", "y"],
        ..EvalContext::default()
    };
    assert!(eval_ok(
        "this.#x; #y in this; class D { #z; m() { this.#x + this.#z } }",
        c
    ));
    assert!(!eval_ok("this.#w", c));
    assert!(!eval_ok("this.#x", EvalContext::default()));
}

fn dynamic(params: &str, body: &str, kind: DynamicFunctionKind) -> Result<String, String> {
    let arena = Arena::new(MemoryManager::new());
    parse_dynamic_function(params, body, kind, &arena)
        .map(|(text, _)| text.to_string())
        .map_err(|e| e.to_string())
}

#[test]
fn function_constructor_parts_must_stand_alone() {
    use DynamicFunctionKind::*;
    assert_eq!(
        dynamic("a, b = 1", "return a + b", Normal).unwrap(),
        "(function anonymous(a, b = 1\n) {\nreturn a + b\n})"
    );
    assert!(dynamic("", "yield 1", Generator).is_ok());
    assert!(dynamic("", "yield 1", Normal).is_err());
    assert!(dynamic("", "yield", Normal).is_ok());
    assert!(dynamic("", "await 1", Async).is_ok());
    assert!(dynamic("a = await 1", "", Async).is_err());
    assert!(dynamic("", "await 1; yield 2", AsyncGenerator).is_ok());
    // Escapes from one part into the other or out of the function are rejected.
    assert!(dynamic("a) { return 1 }; (function (b", "", Normal).is_err());
    assert!(dynamic("", "}); (function () {", Normal).is_err());
    assert!(dynamic("/*", "*/", Normal).is_err());
    assert!(dynamic("", "}) + (function () {", Normal).is_err());
    // Early errors that need both parts.
    assert!(dynamic("a = 1", "'use strict'", Normal).is_err());
    assert!(dynamic("a, a", "'use strict'", Normal).is_err());
    assert!(dynamic("a, a", "", Normal).is_ok());
    assert!(dynamic("", "super.x", Normal).is_err());
    assert!(dynamic("", "new.target", Normal).is_ok());
}
