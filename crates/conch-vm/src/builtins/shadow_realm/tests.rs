//! ShadowRealm from Rust. (Behaviour: `tests/js/shadow_realm/`.)
