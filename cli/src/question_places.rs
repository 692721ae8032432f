//! Where each question of a scenario is written (`file:line:column`), for the warnings
//! about questions that `run`, `validate` and the coursework commands print.

use sim_core::Scenario;

/// Where each question of a scenario is written, by id (`file:line:column`), for the
/// warnings about them.
pub struct QuestionPlaces {
    file: String,
    places: Vec<(String, String)>,
}

impl QuestionPlaces {
    pub fn of(scenario: &Scenario) -> Self {
        QuestionPlaces {
            file: scenario.file_name.clone(),
            places: scenario
                .questions
                .iter()
                .filter_map(|q| Some((q.id.clone(), scenario.question_location(&q.id)?)))
                .collect(),
        }
    }

    /// The scenario's file, as given.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Where question `id` is written, or the scenario's file when that is not known.
    pub fn get(&self, id: &str) -> String {
        self.places
            .iter()
            .find(|(q, _)| q == id)
            .map_or_else(|| self.file.clone(), |(_, at)| at.clone())
    }
}
