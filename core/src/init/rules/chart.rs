//! The chart's default values for layouts that do not say where the chart is
//! (seed 001's `mcp-mesh-platform/`, mybinder's `mybinder/`, datahub's `hub/`):
//! a `values.yaml` no rule claimed, beside a `Chart.yaml` or one directory deep.

use super::Scan;
use crate::init::plan::Group;
use crate::init::tree::{file_name, parent};

pub fn assign(scan: &mut Scan, groups: &mut [Group]) {
    if groups.is_empty() {
        return;
    }
    let unclaimed: Vec<String> =
        scan.tree.paths.iter().filter(|p| file_name(p) == "values.yaml" && !scan.is_claimed(p)).cloned().collect();
    let beside_chart_yaml: Vec<&String> = unclaimed
        .iter()
        .filter(|p| {
            let dir = parent(p);
            scan.tree.has(&if dir.is_empty() { "Chart.yaml".to_string() } else { format!("{dir}/Chart.yaml") })
        })
        .collect();
    let shallow: Vec<&String> = unclaimed.iter().filter(|p| p.matches('/').count() <= 1).collect();
    let candidates = if beside_chart_yaml.is_empty() { shallow } else { beside_chart_yaml };
    match candidates.as_slice() {
        [] => scan.note(
            "no chart defaults found: add `chart: <chart>/values.yaml` if the chart is in this repository".to_string(),
        ),
        [chart] => {
            let chart = (*chart).clone();
            scan.claim(&chart);
            for group in groups.iter_mut().filter(|g| g.chart.is_none()) {
                group.chart = Some(chart.clone());
            }
        }
        several => scan.note(format!(
            "several files could be the chart's defaults ({}): add `chart:` by hand",
            several.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ")
        )),
    }
}
