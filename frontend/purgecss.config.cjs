// PurgeCSS keeps only the CSS of classes and elements the templates use, so residents download
// a small style sheet although the NL Design System packages style much more.
module.exports = {
  content: ["../templates/**/*.html", "../finder/static/finder.js"],
  safelist: {
    // Class names completed in templates (delivery-{{ state }}), and markup made in Python or
    // crawled: highlighted words, QR codes, images in offer descriptions.
    standard: [/^delivery-/, "mark", "img", "svg", "path", "qr-code", "qrline"],
    // Attribute selectors: right-to-left pages, Dutch text, ARIA states.
    greedy: [/dir/, /lang/, /aria-/, /hidden/],
  },
};
