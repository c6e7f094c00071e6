//! Which Helm's semantics apply.

/// Helm 4 (reference 4.2.4) is the default; Helm 3 (3.21.4) differs in the
/// ways spec section 10.4 lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Profile {
    #[default]
    Helm4,
    Helm3,
}

impl Profile {
    pub fn parse(text: &str) -> Option<Profile> {
        match text {
            "4" | "helm4" | "v4" => Some(Profile::Helm4),
            "3" | "helm3" | "v3" => Some(Profile::Helm3),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Profile::Helm4 => "Helm 4",
            Profile::Helm3 => "Helm 3",
        }
    }

    /// Helm 4 splits files into documents and merges them; Helm 3 reads the first only.
    pub fn reads_all_documents(self) -> bool {
        self == Profile::Helm4
    }

    /// Helm 4 accepts `--set-json '{...}'` as a whole object merged over the values.
    pub fn has_set_json_object(self) -> bool {
        self == Profile::Helm4
    }

    /// Helm 4 drops nulls from the chart's defaults; Helm 3 keeps them.
    pub fn cleans_chart_nulls(self) -> bool {
        self == Profile::Helm4
    }
}
