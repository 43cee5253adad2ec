/**
 * Communities (docs/METHOD.md 6): the built-in algorithms (Louvain and Leiden by CWTS
 * networkanalysis, label propagation by JGraphT, Girvan-Newman on JGraphT's betweenness), the
 * settings they run with, and the quality of a partition (modularity, coverage, conductance,
 * class alignment), which plugins can reuse.
 */
package org.coact.analysis.community;
