"""Pure rules: scoring, evidence, forms, diagnostic, budget, documents' views, formatting,
radar geometry, item writing, group summaries. Each module that the book also needs is
mirrored one to one by static/pmesocial/rules/<name>.js and checked on tests/vectors/."""
