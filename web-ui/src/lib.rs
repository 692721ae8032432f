//! Placeholder: the Yew front end lands with the web-ui issue.
