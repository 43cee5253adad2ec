package com.example.coact.dense;

import org.pf4j.Plugin;

/** The PF4J plugin; it has nothing to start or stop, its extension does the work. */
public class DenseNpzPlugin extends Plugin {
}
