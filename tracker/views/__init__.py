"""What the pages and exports draw: plotly figures, map shapes, styled tables, presenter slides."""
