"""Files made from the matrix: long-format rows, XLSX, deck, brief, images, static site."""
