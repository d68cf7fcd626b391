// PurgeCSS keeps only the CSS of classes and elements the templates use, so residents download
// a small style sheet although the NL Design System packages style much more.
module.exports = {
  content: ["../templates/**/*.html", "../finder/static/finder.js"],
  safelist: {
    // Class names completed in templates: delivery-{{ state }}.
    standard: [/^delivery-/],
    // Attribute selectors: right-to-left pages, Dutch text, ARIA states.
    greedy: [/dir/, /lang/, /aria-/, /hidden/],
  },
};
