import { Button } from "@/components/button";
import Header from "components/header";
import { track } from "analytics";
import { base } from "../lib/button-styles.mjs";
import "@/styles/globals.css";

export function Nav() {
  track("nav");
  return <Header><Button>{base}</Button></Header>;
}
