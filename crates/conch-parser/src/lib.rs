//! Conch parser (under construction).
