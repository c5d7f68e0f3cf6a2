//! N-way merge of pairwise alignments around a pivot language.
