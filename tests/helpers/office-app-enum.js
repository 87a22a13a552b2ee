// office-addin-mock reads only the OfficeApp enum from office-addin-manifest, whose own
// dependencies are ESM-only and do not load under jest; tests map that module here.
module.exports = {
  OfficeApp: { Excel: 'excel', OneNote: 'onenote', Outlook: 'outlook', PowerPoint: 'powerpoint', Project: 'project', Word: 'word' },
};
