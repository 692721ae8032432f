//! Shows an SVG string (from plotters) as an SVG element: it is parsed with
//! DOMParser as `image/svg+xml`, never assigned as HTML, so text inside it
//! cannot become markup or script.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SvgViewProps {
    pub svg: AttrValue,
    /// Accessible name of the figure.
    pub label: AttrValue,
    /// What to say when the SVG cannot be shown (in the page's language).
    #[prop_or(AttrValue::Static("chart unavailable"))]
    pub unavailable: AttrValue,
}

/// Parses SVG markup into a detached element ready to insert.
pub fn parse_svg(svg: &str) -> Option<web_sys::Element> {
    let parser = web_sys::DomParser::new().ok()?;
    let doc = parser
        .parse_from_string(svg, web_sys::SupportedType::ImageSvgXml)
        .ok()?;
    let root = doc.document_element()?;
    let svg_ns = Some("http://www.w3.org/2000/svg");
    if root.tag_name() != "svg"
        || root.namespace_uri().as_deref() != svg_ns
        || doc.get_elements_by_tag_name("parsererror").length() > 0
    {
        return None; // not SVG, or malformed (the parser reports a <parsererror>)
    }
    let _ = root.set_attribute("role", "img");
    let _ = root.remove_attribute("width");
    let _ = root.remove_attribute("height");
    Some(root)
}

#[function_component(SvgView)]
pub fn svg_view(props: &SvgViewProps) -> Html {
    let node = use_memo(props.svg.clone(), |svg| parse_svg(svg));
    match &*node {
        Some(el) => {
            let el = el.clone();
            let _ = el.set_attribute("aria-label", &props.label);
            html! { <div class="svg-view">{ Html::VRef(el.into()) }</div> }
        }
        None => html! { <p class="empty">{ props.unavailable.clone() }</p> },
    }
}
