"""What the pages and exports show: plotly figures, the SVG map, tables, slides, the link view."""
