//! Typed expressions such as `max(x*y, 0) + exp(-z)^2` parsed into a computational graph ([`super::graph`]).
//!
//! Grammar (usual precedence; `^` binds tightest and to the right, a unary minus binds looser than `^`, so
//! −x^2 = −(x²)):
//!
//! ```text
//! sum     = product (("+" | "-" | "−") product)*
//! product = unary (("*" | "×" | "·" | "/" | "÷") unary)*
//! unary   = ("-" | "−" | "+") unary | power
//! power   = atom ("^" unary)?
//! atom    = number | variable | function "(" sum ("," sum)* ")" | "(" sum ")"
//! ```
//!
//! Functions: max(a, b), relu, exp, log (natural), sigmoid, tanh. Variables are names of letters, digits and `_`
//! (starting with a letter); numbers are plain decimals. Bad input is an [`ExprError`] with the character position
//! (0-based, counted in characters, not bytes) and a message — never a panic. Input is capped at [`MAX_CHARS`]
//! characters, [`MAX_DEPTH`] levels of nesting and [`MAX_VARIABLES`] variables.

use super::graph::{Graph, Op};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde::Serialize;

pub const MAX_CHARS: usize = 200;
pub const MAX_DEPTH: usize = 32;
pub const MAX_VARIABLES: usize = 8;
const FUNCTIONS: [(&str, Op, usize); 6] = [
    ("max", Op::Max, 2),
    ("relu", Op::Relu, 1),
    ("exp", Op::Exp, 1),
    ("log", Op::Log, 1),
    ("sigmoid", Op::Sigmoid, 1),
    ("tanh", Op::Tanh, 1),
];

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExprError {
    /// 0-based character index where the problem is (the input's length for "unexpected end").
    pub position: usize,
    pub message: String,
}

impl core::fmt::Display for ExprError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "at character {}: {}", self.position + 1, self.message)
    }
}

/// A parsed expression: its graph and the node that is f.
#[derive(Clone, Debug)]
pub struct Expression {
    pub graph: Graph,
    pub output: usize,
}

/// Parses `text`; every variable starts at `value_of(name)`.
pub fn parse(text: &str, value_of: impl Fn(&str) -> f64) -> Result<Expression, ExprError> {
    let count = text.chars().count();
    if count > MAX_CHARS {
        return Err(ExprError {
            position: MAX_CHARS,
            message: format!("the expression is too long: at most {MAX_CHARS} characters, got {count}"),
        });
    }
    let chars: Vec<char> = text.chars().collect();
    let mut p = Parser { chars, pos: 0, depth: 0, graph: Graph::new(), value_of: &value_of };
    p.skip_space();
    if p.pos == p.chars.len() {
        return Err(p.error(0, "the expression is empty: type one, e.g. (x + y) * (y - z)"));
    }
    let output = p.sum()?;
    p.skip_space();
    if let Some(&c) = p.chars.get(p.pos) {
        let message = if c == ')' {
            "this ')' has no '(' to close".to_string()
        } else if c == ',' {
            "a ',' only separates the arguments of max(a, b)".to_string()
        } else {
            format!("expected an operator (+ − × ÷ ^) before '{c}'")
        };
        return Err(p.error(p.pos, &message));
    }
    Ok(Expression { graph: p.graph, output })
}

struct Parser<'a> {
    chars: Vec<char>,
    pos: usize,
    depth: usize,
    graph: Graph,
    value_of: &'a dyn Fn(&str) -> f64,
}

impl Parser<'_> {
    fn error(&self, position: usize, message: &str) -> ExprError {
        ExprError { position, message: message.into() }
    }

    fn skip_space(&mut self) {
        while self.chars.get(self.pos).is_some_and(|c| c.is_whitespace()) {
            self.pos += 1;
        }
    }

    /// The next non-space character, without taking it.
    fn peek(&mut self) -> Option<char> {
        self.skip_space();
        self.chars.get(self.pos).copied()
    }

    fn enter(&mut self) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(self.pos, &format!("nested too deeply: at most {MAX_DEPTH} levels")));
        }
        Ok(())
    }

    fn sum(&mut self) -> Result<usize, ExprError> {
        let start = self.peek_start();
        let mut left = self.product()?;
        loop {
            let op = match self.peek() {
                Some('+') => Op::Add,
                Some('-' | '−') => Op::Sub,
                _ => return Ok(left),
            };
            self.pos += 1;
            let right = self.product()?;
            left = self.graph.gate(op, &[left, right], (start, self.pos));
        }
    }

    fn product(&mut self) -> Result<usize, ExprError> {
        let start = self.peek_start();
        let mut left = self.unary()?;
        loop {
            let op = match self.peek() {
                Some('*' | '×' | '·') => Op::Mul,
                Some('/' | '÷') => Op::Div,
                _ => return Ok(left),
            };
            self.pos += 1;
            let right = self.unary()?;
            left = self.graph.gate(op, &[left, right], (start, self.pos));
        }
    }

    fn peek_start(&mut self) -> usize {
        self.skip_space();
        self.pos
    }

    fn unary(&mut self) -> Result<usize, ExprError> {
        let start = self.peek_start();
        match self.peek() {
            Some('-' | '−') => {
                self.enter()?;
                self.pos += 1;
                let inner = self.unary()?;
                self.depth -= 1;
                Ok(self.graph.gate(Op::Neg, &[inner], (start, self.pos)))
            }
            Some('+') => {
                self.enter()?;
                self.pos += 1;
                let inner = self.unary()?;
                self.depth -= 1;
                Ok(inner)
            }
            _ => self.power(),
        }
    }

    fn power(&mut self) -> Result<usize, ExprError> {
        let start = self.peek_start();
        let base = self.atom()?;
        if self.peek() == Some('^') {
            self.enter()?;
            self.pos += 1;
            let exponent = self.unary()?;
            self.depth -= 1;
            return Ok(self.graph.gate(Op::Pow, &[base, exponent], (start, self.pos)));
        }
        Ok(base)
    }

    fn atom(&mut self) -> Result<usize, ExprError> {
        let start = self.peek_start();
        let Some(c) = self.peek() else {
            return Err(self.error(self.pos, "the expression ends too early: expected a number, a variable or '('"));
        };
        if c.is_ascii_digit() || c == '.' {
            return self.number();
        }
        if c.is_alphabetic() {
            return self.name();
        }
        if c == '(' {
            self.enter()?;
            self.pos += 1;
            let inner = self.sum()?;
            if self.peek() != Some(')') {
                return Err(self.missing_close(start));
            }
            self.pos += 1;
            self.depth -= 1;
            return Ok(inner);
        }
        let message = match c {
            ')' => "expected a number, a variable or '(' before ')'".to_string(),
            '+' | '*' | '×' | '·' | '/' | '÷' | '^' | ',' => format!("'{c}' needs something on its left"),
            _ => format!("'{c}' is not allowed here: use numbers, variables, + − × ÷ ^, ( ) and max, relu, exp, log, sigmoid, tanh"),
        };
        Err(self.error(start, &message))
    }

    fn missing_close(&self, open: usize) -> ExprError {
        match self.chars.get(self.pos) {
            None => self.error(self.pos, &format!("missing ')' to close the '(' at character {}", open + 1)),
            Some(c) => {
                self.error(self.pos, &format!("expected ')' to close the '(' at character {}, found '{c}'", open + 1))
            }
        }
    }

    fn number(&mut self) -> Result<usize, ExprError> {
        let start = self.pos;
        let mut dots = 0;
        while let Some(&c) = self.chars.get(self.pos) {
            if c == '.' {
                dots += 1;
            } else if !c.is_ascii_digit() {
                break;
            }
            self.pos += 1;
        }
        let text: String = self.chars[start..self.pos].iter().collect();
        if dots > 1 || text == "." {
            return Err(self.error(start, &format!("'{text}' is not a number")));
        }
        let value: f64 = text.parse().map_err(|_| self.error(start, &format!("'{text}' is not a number")))?;
        if self.chars.get(self.pos).is_some_and(|c| c.is_alphabetic()) {
            return Err(self.error(self.pos, "write × (or *) between a number and a name, e.g. 2*x"));
        }
        Ok(self.graph.constant(value, text, (start, self.pos)))
    }

    fn name(&mut self) -> Result<usize, ExprError> {
        let start = self.pos;
        while self.chars.get(self.pos).is_some_and(|c| c.is_alphanumeric() || *c == '_') {
            self.pos += 1;
        }
        let name: String = self.chars[start..self.pos].iter().collect();
        let function = FUNCTIONS.iter().find(|(f, _, _)| *f == name);
        let call = self.peek() == Some('(');
        match (function, call) {
            (Some(&(_, op, arity)), true) => self.call(start, &name, op, arity),
            (Some(_), false) => {
                Err(self.error(self.pos, &format!("{name} needs its argument in parentheses: {name}(…)")))
            }
            (None, true) => Err(self.error(
                start,
                &format!("unknown function '{name}': the functions are max, relu, exp, log, sigmoid, tanh"),
            )),
            (None, false) => {
                if name.chars().count() > 12 {
                    return Err(self.error(start, "a variable name has at most 12 characters"));
                }
                if self.graph.find_variable(&name).is_none() && self.graph.variables().len() >= MAX_VARIABLES {
                    return Err(self.error(start, &format!("at most {MAX_VARIABLES} different variables")));
                }
                let value = (self.value_of)(&name);
                Ok(self.graph.variable(&name, value, (start, self.pos)))
            }
        }
    }

    fn call(&mut self, start: usize, name: &str, op: Op, arity: usize) -> Result<usize, ExprError> {
        self.enter()?;
        let open = self.pos;
        self.pos += 1; // '('
        let mut args = Vec::new();
        loop {
            args.push(self.sum()?);
            match self.peek() {
                Some(',') => self.pos += 1,
                Some(')') => break,
                _ => return Err(self.missing_close(open)),
            }
        }
        if args.len() != arity {
            let want = if arity == 1 { "one argument".to_string() } else { format!("{arity} arguments") };
            return Err(self.error(start, &format!("{name} takes {want}, got {}", args.len())));
        }
        self.pos += 1; // ')'
        self.depth -= 1;
        Ok(self.graph.gate(op, &args, (start, self.pos)))
    }
}
