//! `corosim trace X --format pstree --at N`: the await tree at one position, in the shape
//! of CPython 3.14's `python -m asyncio pstree PID` — each pending task (`(T) name`) with
//! its coroutine stack, outermost first (`└──  main file.py:12`), and under the stack's
//! innermost frame the tasks it awaits. What a learner reads here is what they will read
//! on a real process later.
//!
//! "Awaits" is 3.14's await graph (`Lib/asyncio/tools.py` builds its tree from it): the
//! task a task is parked on, and the tasks that record it in their `awaited_by` — what it
//! `gather`s, `wait`s for or `shield`s, and the tasks of the `TaskGroup` it runs (the
//! runtime reports those as `Event::AwaitedBy`). So `main` awaiting `gather(a(), b())` has
//! both tasks under its `main` frame, not beside it.
//!
//! A cycle of tasks awaiting each other cannot be drawn as a tree; as CPython does, it is
//! reported instead (`cycle: Task-2 → Task-3 → Task-2`). Every walk is bounded.
//!
//! ```
//! use corosim::step::{program::Program, pstree};
//! let p = Program::load("task_cancel").unwrap();
//! let at = p.position("Task-1: waits on Task-3").unwrap();
//! let tree = pstree::render(&p, at).unwrap();
//! assert!(tree.starts_with("└── (T) Task-1\n    └──  main task_cancel.py:"));
//! assert!(tree.contains("├── (T) Task-2") || tree.contains("└── (T) Task-3"));
//! ```

use super::frames::Kind;
use super::marks::frame_line;
use super::nav::view_at;
use super::program::Program;
use super::tasks::{TaskState, first_word};
use super::view::StepView;

/// A node of the tree: a task (`(T) Task-1`) or a coroutine frame (` main file.py:12`).
struct Node {
    label: String,
    kids: Vec<Node>,
}

/// The coroutine stack of task `i`, outermost first, as `name file:line` (library
/// coroutines, which have no line in the program, by name alone).
fn stack(view: &StepView, program: &Program, i: usize) -> Vec<String> {
    let task = &view.tasks.rows[i];
    let Some(&root) = view.frames.task_coro.get(&task.name) else { return vec![task.coro.clone()] };
    view.frames
        .chain_of(root)
        .into_iter()
        .filter(|&f| view.frames.all[f].kind == Kind::Generator)
        .map(|f| {
            let name = &view.frames.all[f].name;
            match (program.source.def_line(name), frame_line(view, f, &program.source)) {
                (Some(_), Some(l)) => format!("{name} {}:{}", program.file, l + 1),
                _ => name.clone(),
            }
        })
        .collect()
}

/// The pending tasks task `i` awaits, as CPython 3.14 records it: the task it is parked
/// on (`await t`), then, in the order they were recorded, those that name it in their
/// `awaited_by` (what it `gather`s, `wait`s for or `shield`s, its `TaskGroup`'s tasks).
fn awaited(view: &StepView, i: usize) -> Vec<usize> {
    let rows = &view.tasks.rows;
    let mut out: Vec<usize> =
        rows[i].waits_on.as_deref().and_then(|w| view.tasks.find(first_word(w))).into_iter().collect();
    for (k, row) in rows.iter().enumerate() {
        if row.state != TaskState::Done && row.awaited_by.contains(&rows[i].name) && !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

/// A cycle among the tasks' awaits, if any: CPython's `_find_cycles`, a depth-first
/// search for a back edge (each task is entered once, so the walk is bounded).
fn cycle(view: &StepView) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Color {
        White,
        Grey,
        Black,
    }
    fn dfs(view: &StepView, v: usize, color: &mut [Color], path: &mut Vec<usize>) -> Option<Vec<usize>> {
        color[v] = Color::Grey;
        path.push(v);
        for w in awaited(view, v) {
            match color[w] {
                Color::White => {
                    if let Some(ring) = dfs(view, w, color, path) {
                        return Some(ring);
                    }
                }
                Color::Grey => {
                    let k = path.iter().position(|&p| p == w).expect("a grey task is on the path");
                    let mut ring = path[k..].to_vec();
                    ring.push(w);
                    return Some(ring);
                }
                Color::Black => {}
            }
        }
        color[v] = Color::Black;
        path.pop();
        None
    }
    let n = view.tasks.rows.len();
    let mut color = vec![Color::White; n];
    for start in 0..n {
        if color[start] == Color::White
            && let Some(ring) = dfs(view, start, &mut color, &mut Vec::new())
        {
            return Some(ring.into_iter().map(|i| view.tasks.rows[i].name.clone()).collect());
        }
    }
    None
}

fn subtree(view: &StepView, program: &Program, i: usize, depth: usize) -> Node {
    let mut kids: Vec<Node> = if depth < view.tasks.rows.len() {
        awaited(view, i).into_iter().map(|k| subtree(view, program, k, depth + 1)).collect()
    } else {
        Vec::new()
    };
    for frame in stack(view, program, i).into_iter().rev() {
        kids = vec![Node { label: format!(" {frame}"), kids }];
    }
    Node { label: format!("(T) {}", view.tasks.rows[i].name), kids }
}

fn render_node(node: &Node, prefix: &str, last: bool, out: &mut Vec<String>) {
    out.push(format!("{prefix}{}{}", if last { "└── " } else { "├── " }, node.label));
    let prefix = format!("{prefix}{}", if last { "    " } else { "│   " });
    for (k, kid) in node.kids.iter().enumerate() {
        render_node(kid, &prefix, k + 1 == node.kids.len(), out);
    }
}

/// The tree at position `at`, or CPython's error text for a cycle.
pub fn render(program: &Program, at: usize) -> Result<String, String> {
    let view = view_at(program, at);
    if let Some(ring) = cycle(&view) {
        return Err(format!(
            "ERROR: await-graph contains cycles - cannot print a tree!\n\ncycle: {}",
            ring.join(" → ")
        ));
    }
    let pending: Vec<usize> =
        (0..view.tasks.rows.len()).filter(|&i| view.tasks.rows[i].state != TaskState::Done).collect();
    let children: Vec<usize> = pending.iter().flat_map(|&i| awaited(&view, i)).collect();
    let mut out = Vec::new();
    for &i in pending.iter().filter(|i| !children.contains(i)) {
        render_node(&subtree(&view, program, i, 0), "", true, &mut out);
    }
    let mut text = out.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::{Event, Resumed};

    /// Two tasks awaiting each other (asyncio forbids nothing of the kind).
    fn each_awaits_the_other() -> Program {
        let step =
            |task: &str| Event::TaskStep { t: 0.0, task: task.into(), with: Resumed::Send("None".into()) };
        let wait =
            |task: &str, on: &str| Event::TaskSuspend { t: 0.0, task: task.into(), waits_on: on.into() };
        let created =
            |task: &str, coro: &str| Event::TaskCreated { t: 0.0, task: task.into(), coro: coro.into() };
        let events = vec![
            created("Task-1", "a"),
            created("Task-2", "b"),
            step("Task-1"),
            wait("Task-1", "Task-2"),
            step("Task-2"),
            wait("Task-2", "Task-1"),
        ];
        Program::from_events("cycle", "cycle.py", "async def a():\n    pass\n", events, None)
    }

    #[test]
    fn a_cycle_is_reported_as_cpython_does_not_drawn_and_no_walk_runs_away() {
        let p = each_awaits_the_other();
        let err = render(&p, p.events.len()).unwrap_err();
        assert_eq!(
            err,
            "ERROR: await-graph contains cycles - cannot print a tree!\n\ncycle: Task-1 → Task-2 → Task-1"
        );
        // The screen draws it too, without recursing forever.
        let shot = crate::step::snapshot::Shot { at: p.events.len(), ..Default::default() };
        let text = crate::step::snapshot::text(&p, &shot);
        assert!(text.contains("Task-1") && text.contains("Task-2"));
    }
}
