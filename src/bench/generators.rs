//! `corosim bench generators` (placeholder, being written).

/// Runs the generator workloads in corosim and CPython and prints the table.
pub fn run(_json: bool) -> anyhow::Result<()> {
    anyhow::bail!("not written yet")
}
